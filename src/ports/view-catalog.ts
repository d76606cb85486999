/** A view: its database, its name and the SQL text of its SELECT (one text for Athena/Trino and DuckDB). */
export interface ViewDefinition {
  database: string;
  name: string;
  sql: string;
}

/**
 * Where view definitions live, for the engines to materialize: the Glue catalog behind Athena in production,
 * the bucket on one machine (the in-memory DuckDB engine creates them each time it opens).
 */
export interface ViewCatalog {
  /** Creates the view, or replaces its SQL text when it changed (idempotent). */
  ensureView(view: ViewDefinition): Promise<void>;
  /** Every view of the database, in name order. */
  listViews(database: string): Promise<ViewDefinition[]>;
}
