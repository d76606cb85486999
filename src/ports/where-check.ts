/** Checks that `where` is one read-only condition over `table`'s rows; rejects with a UsageError saying why not. */
export type WhereCheck = (where: string, table: string) => Promise<void>;
