import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { UsageError } from '../../errors.js';
import { checkDataDir } from '../../runtime/data-dir.js';
import { writeOut } from '../output.js';
import { addSettingOptions, QUERY_SETTING_KEYS, settingFlags } from '../setting-options.js';

/** `realty report --out report.html`: the market report from the investor views, as one self-contained HTML file. */
export function registerReport(program: Command): void {
  const command = program
    .command('report')
    .description('Write the HTML market report (charts and top deals) from the investor views')
    .requiredOption('--out <file>', 'where to write the report, e.g. report.html');
  addSettingOptions(command, QUERY_SETTING_KEYS);
  command.action(async (options: Record<string, unknown>) => {
    const out = String(options['out']);
    if (!out.toLowerCase().endsWith('.html')) {
      throw new UsageError(`--out ${JSON.stringify(out)} should name an .html file, e.g. report.html`);
    }
    const config = loadConfig(process.env, settingFlags(options, QUERY_SETTING_KEYS));
    await checkDataDir(config, 'read');
    const [{ buildMarketReport }, { openQueryEngine }] = await Promise.all([
      import('../../report/build-report.js'),
      import('../../runtime/query-engine.js'),
    ]);
    const engine = await openQueryEngine(config);
    try {
      const html = await buildMarketReport(engine, { engineName: config.engine });
      await writeFile(out, html, 'utf8').catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        throw new UsageError(
          `could not write ${out}: ${reason}; check that its directory exists and is writable`,
          {
            cause: error,
          },
        );
      });
      await writeOut(
        `report written to ${path.resolve(out)} (${Math.round(Buffer.byteLength(html) / 1024)} KiB)`,
      );
    } finally {
      await engine.close();
    }
  });
}
