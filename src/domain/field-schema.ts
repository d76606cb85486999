import * as v from 'valibot';
import type { FieldRule, FieldSpec } from './field-spec.js';
import { calendarDateOf, parseIsoInstant } from './iso-date.js';
import type { RejectionReason } from './rejection-reason.js';

// The diagnosing engine of a field table: a valibot schema that collects every issue of a result, with its path.
// Each picklist and action carries the rejection reason it stands for as its message (read by
// rejections-from-issues.ts); a failed type check is missing_required on nothing and wrong_type on something.

const OUT_OF_RANGE: RejectionReason = 'out_of_range';
const BAD_FORMAT: RejectionReason = 'bad_format';
const NOT_WHOLE: RejectionReason = 'wrong_type';
const EMPTY: RejectionReason = 'missing_required';

type Schema = v.GenericSchema;
interface Node {
  fields: Map<string, FieldRule>;
  children: Map<string, Node>;
  required: boolean;
}

const cache = new WeakMap<readonly FieldSpec[], Map<number, Schema>>();

/** The valibot schema of a field table for listings observed in a given UTC year. */
export function fieldSchemaFor(fields: readonly FieldSpec[], observedYear: number): Schema {
  let byYear = cache.get(fields);
  if (byYear === undefined) {
    byYear = new Map();
    cache.set(fields, byYear);
  }
  let schema = byYear.get(observedYear);
  if (schema === undefined) {
    schema = objectSchema(treeOf(fields), observedYear);
    byYear.set(observedYear, schema);
  }
  return schema;
}

// An object on a path is required exactly when a required field sits under it, as the fast reader assumes.
function treeOf(fields: readonly FieldSpec[]): Node {
  const root: Node = { fields: new Map(), children: new Map(), required: true };
  for (const { path, rule } of fields) {
    const keys = path.split('.');
    const key = keys.pop() as string;
    const required = isRequired(rule);
    let node = root;
    for (const container of keys) {
      let child = node.children.get(container);
      if (child === undefined) {
        child = { fields: new Map(), children: new Map(), required: false };
        node.children.set(container, child);
      }
      child.required ||= required;
      node = child;
    }
    node.fields.set(key, rule);
  }
  return root;
}

function objectSchema(node: Node, observedYear: number): Schema {
  const entries: Record<string, Schema> = {};
  for (const [key, rule] of node.fields) entries[key] = ruleSchema(rule, observedYear);
  for (const [key, child] of node.children) {
    const schema = objectSchema(child, observedYear);
    entries[key] = child.required ? schema : v.nullish(schema);
  }
  return v.object(entries);
}

function ruleSchema(rule: FieldRule, observedYear: number): Schema {
  switch (rule.kind) {
    case 'id':
      return v.pipe(v.string(), v.nonEmpty(EMPTY));
    case 'one_of':
      return rule.required
        ? v.picklist(rule.values, rule.reason)
        : v.nullish(v.picklist(rule.values, rule.reason));
    case 'text':
      return v.nullish(v.string());
    case 'flag':
      return v.nullish(v.boolean());
    case 'int':
      return wholeNumber(rule.min, rule.max);
    case 'year':
      return wholeNumber(rule.min, observedYear + rule.yearsAhead);
    case 'decimal':
      return v.nullish(
        v.pipe(v.number(), v.minValue(rule.min, OUT_OF_RANGE), v.maxValue(rule.max, OUT_OF_RANGE)),
      );
    case 'instant':
      return readable(parseIsoInstant);
    case 'date':
      return readable(calendarDateOf);
    case 'five_digits':
      return v.nullish(v.pipe(v.string(), v.regex(/^(?:\d{5})?$/, BAD_FORMAT)));
  }
}

function isRequired(rule: FieldRule): boolean {
  return rule.kind === 'id' || (rule.kind === 'one_of' && rule.required);
}

function wholeNumber(min: number, max: number): Schema {
  return v.nullish(
    v.pipe(v.number(), v.integer(NOT_WHOLE), v.minValue(min, OUT_OF_RANGE), v.maxValue(max, OUT_OF_RANGE)),
  );
}

function readable(read: (text: string) => unknown): Schema {
  return v.nullish(
    v.pipe(
      v.string(),
      v.check((text) => read(text) !== null, BAD_FORMAT),
    ),
  );
}
