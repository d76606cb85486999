import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Figure } from './figure.js';

/**
 * Writes bench/results.json: the JSON array of figures, one per line for readable diffs. A run of some
 * stages (`--only`) replaces the figures it measured, by name, and keeps the others of the file.
 */
export async function writeResults(file: string, figures: readonly Figure[]): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const measured = new Set(figures.map((figure) => figure.name));
  const kept = (await previousFigures(file)).filter((figure) => !measured.has(figure.name));
  const lines = [...kept, ...figures].map((figure) => `  ${JSON.stringify(figure)}`);
  await writeFile(file, `[\n${lines.join(',\n')}\n]\n`);
}

async function previousFigures(file: string): Promise<Figure[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? (parsed as Figure[]) : [];
}
