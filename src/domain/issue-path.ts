import type { IssuePathItem } from 'valibot';

/** A valibot issue path as a reader writes it: `records["mytopic-0"][0].value`; '' for the top level. */
export function formatIssuePath(path: readonly IssuePathItem[] | undefined): string {
  return (path ?? [])
    .map((item, index) => {
      const key = item.key;
      if (typeof key === 'number') return `[${key}]`;
      const text = String(key);
      if (/^[A-Za-z_$][\w$]*$/.test(text)) return index === 0 ? text : `.${text}`;
      return `[${JSON.stringify(text)}]`;
    })
    .join('');
}
