import * as v from 'valibot';
import { QueryError } from '../../errors.js';

/** A Trino type as the client protocol describes it, e.g. `{ rawType: 'timestamp', arguments: [6] }`. */
export interface TrinoTypeSignature {
  rawType: string;
  arguments: TrinoTypeArgument[];
}

/** One type argument: a nested type (array, map), a named field (row), or a number (precision, length). */
export type TrinoTypeArgument =
  | { kind: 'TYPE'; value: TrinoTypeSignature }
  | {
      kind: 'NAMED_TYPE';
      value: { fieldName?: { name: string } | undefined; typeSignature: TrinoTypeSignature };
    }
  | { kind: 'LONG'; value: number }
  | { kind: 'VARIABLE'; value: string };

export interface TrinoColumn {
  name: string;
  type: string;
  typeSignature: TrinoTypeSignature;
}

// The client protocol's QueryResults document (io.trino.client.QueryResults): only the fields we read.
const SignatureSchema: v.GenericSchema<TrinoTypeSignature> = v.lazy(() =>
  v.object({
    rawType: v.string(),
    arguments: v.array(
      v.variant('kind', [
        v.object({ kind: v.literal('TYPE'), value: SignatureSchema }),
        v.object({
          kind: v.literal('NAMED_TYPE'),
          value: v.object({
            fieldName: v.optional(v.object({ name: v.string() })),
            typeSignature: SignatureSchema,
          }),
        }),
        v.object({ kind: v.literal('LONG'), value: v.number() }),
        v.object({ kind: v.literal('VARIABLE'), value: v.string() }),
      ]),
    ),
  }),
);

const ColumnSchema = v.looseObject({ name: v.string(), type: v.string(), typeSignature: SignatureSchema });

const ErrorSchema = v.looseObject({
  message: v.string(),
  errorName: v.optional(v.string()),
  errorType: v.optional(v.string()),
  errorCode: v.optional(v.number()),
  errorLocation: v.optional(v.looseObject({ lineNumber: v.number(), columnNumber: v.number() })),
});

const LONG_DIGIT_RUN = /\d{16}/;

const QueryResultsSchema = v.looseObject({
  id: v.string(),
  nextUri: v.optional(v.string()),
  columns: v.optional(v.array(ColumnSchema)),
  // Checked without copying: a page holds thousands of rows, and their values are read by column type later.
  data: v.optional(v.custom<unknown[][]>(isArrayOfArrays, 'must be an array of row arrays')),
  error: v.optional(ErrorSchema),
  updateType: v.optional(v.string()),
});

export type TrinoQueryResults = v.InferOutput<typeof QueryResultsSchema>;
export type TrinoErrorInfo = v.InferOutput<typeof ErrorSchema>;

/** One response body of POST /v1/statement or GET nextUri, checked; bigints beyond 2^53 stay exact. */
export function parseQueryResults(text: string): TrinoQueryResults {
  let json: unknown;
  try {
    // The reviver costs 5x the parse; only text with a 16-digit run can hold an integer beyond 2^53.
    json = LONG_DIGIT_RUN.test(text) ? JSON.parse(text, exactIntegers) : JSON.parse(text);
  } catch (error) {
    throw new QueryError(
      `Trino answered with a body that is not JSON (${text.slice(0, 120)}); is the URL a Trino server?`,
      {
        cause: error,
      },
    );
  }
  const result = v.safeParse(QueryResultsSchema, json);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const where = issue?.path?.map((p) => String(p.key)).join('.') ?? '(body)';
  throw new QueryError(
    `Trino answered with a document that is not the client protocol's QueryResults: ${where} ${issue?.message ?? 'is invalid'}; is the URL a Trino server (version 351 or later)?`,
  );
}

function isArrayOfArrays(input: unknown): boolean {
  return Array.isArray(input) && input.every(Array.isArray);
}

// JSON.parse's source text (Node 21+): a bigint column value beyond 2^53 is kept as a BigInt instead of rounded.
function exactIntegers(_key: string, value: unknown, context?: { source?: string }): unknown {
  if (typeof value !== 'number' || Number.isSafeInteger(value) || !Number.isInteger(value)) return value;
  const source = context?.source;
  return source !== undefined && /^-?\d+$/.test(source) ? BigInt(source) : value;
}
