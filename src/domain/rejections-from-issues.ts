import type * as v from 'valibot';
import type { Rejection } from './rejection.js';
import { isRejectionReason, type RejectionReason } from './rejection-reason.js';

/** Path of the whole record in a rejection. */
export const ROOT_PATH = '$';

/** Turns valibot issues into rejections: one per problem, with its dotted path and the offending value. */
export function rejectionsFromIssues(issues: readonly v.BaseIssue<unknown>[]): Rejection[] {
  const rejections: Rejection[] = [];
  for (const issue of issues) {
    rejections.push({
      reason: reasonOf(issue),
      path: pathOf(issue),
      value: issue.input === undefined ? null : issue.input,
    });
  }
  return rejections;
}

function reasonOf(issue: v.BaseIssue<unknown>): RejectionReason {
  if (issue.kind === 'schema') {
    // A type check failed: on nothing, the value is missing; on something, it has the wrong type.
    if (issue.input === undefined || issue.input === null) return 'missing_required';
    if (issue.type !== 'picklist' || typeof issue.input !== 'string') return 'wrong_type';
  }
  // Picklists and actions carry their reason as their message (see listing-schema-parts.ts).
  return isRejectionReason(issue.message) ? issue.message : 'bad_format';
}

function pathOf(issue: v.BaseIssue<unknown>): string {
  if (issue.path === undefined || issue.path.length === 0) return ROOT_PATH;
  let path = '';
  for (const item of issue.path) path = path === '' ? String(item.key) : `${path}.${String(item.key)}`;
  return path;
}
