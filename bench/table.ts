/**
 * Prints bench/results.json (or the file given) as the Markdown table docs/performance.md shows:
 *   npx tsx bench/table.ts [bench/results.json]
 */
import { readFile } from 'node:fs/promises';
import type { Figure } from './lib/figure.js';
import { figureTable } from './lib/table.js';

const file = process.argv[2] ?? 'bench/results.json';
const figures = JSON.parse(await readFile(file, 'utf8')) as Figure[];
console.log(figureTable(figures));
