import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { QueryError } from '../../errors.js';

/** jobs/views/: one SQL file per view, the text every engine runs (serverless.yml deploys the same files). */
export const VIEW_SQL_DIR = fileURLToPath(new URL('../../../jobs/views/', import.meta.url));

/** Reads `<dir>/<name>.sql`: one SELECT without a trailing semicolon (it becomes the body of CREATE VIEW). */
export async function readViewSql(name: string, dir: string = VIEW_SQL_DIR): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) {
    throw new QueryError(`view name ${JSON.stringify(name)} is not an identifier; view files are <name>.sql`);
  }
  const where = path.join(dir, `${name}.sql`);
  let text: string;
  try {
    text = await readFile(where, 'utf8');
  } catch (error) {
    throw new QueryError(`could not read the view ${where}; views ship with the project in jobs/views/`, {
      cause: error,
    });
  }
  if (/;\s*$/.test(text)) {
    throw new QueryError(`${where} ends with ";"; a view file holds one SELECT without a semicolon`);
  }
  return text;
}
