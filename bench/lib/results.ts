import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Figure } from './figure.js';

/** Writes bench/results.json: the JSON array of figures, one per line for readable diffs. */
export async function writeResults(file: string, figures: readonly Figure[]): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const lines = figures.map((figure) => `  ${JSON.stringify(figure)}`);
  await writeFile(file, `[\n${lines.join(',\n')}\n]\n`);
}
