import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import type { FileValidation } from '../../pipeline/validate-responses.js';
import { writeOut } from '../output.js';

/** `realty validate FILE...`: checks saved Realtor API responses against the parser, per file. */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Check saved Realtor API responses: how many listings parse, and why the others do not')
    .argument(
      '<files...>',
      'JSON files: v3 list/detail, v2 list-for-sale, a bare results array, or several documents',
    )
    .option('--json', 'print one JSON object per file')
    .action(async (files: string[], options: { json?: boolean }) => {
      const { validateResponseText } = await import('../../pipeline/validate-responses.js');
      let failed = false;
      for (const file of files) {
        const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
          throw new InputError(
            `cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`,
          );
        });
        const report = validateResponseText(text, { source: file, observedAt: Date.now() });
        failed ||= report.errors.length > 0 || report.rejected > 0;
        await writeOut(options.json ? JSON.stringify({ file, ...report }) : describe(file, report));
      }
      if (failed) process.exitCode = 1;
    });
}

function describe(file: string, report: FileValidation): string {
  const lines = [
    `${file}: ${report.documents} document(s), ${report.accepted} accepted, ${report.rejected} rejected`,
  ];
  for (const [reason, count] of Object.entries(report.reasons).sort((a, b) => b[1] - a[1])) {
    lines.push(`  ${String(count).padStart(6)}  ${reason}`);
  }
  for (const error of report.errors) lines.push(`  error: ${error}`);
  return lines.join('\n');
}
