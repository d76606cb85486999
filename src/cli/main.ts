import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { RealtyError, USAGE_ERROR_CODES } from '../errors.js';
import { registerCompact } from './commands/compact.js';
import { registerCost } from './commands/cost.js';
import { registerExport } from './commands/export.js';
import { registerQuery } from './commands/query.js';
import { registerReconcile } from './commands/reconcile.js';
import { registerReport } from './commands/report.js';
import { registerRun } from './commands/run.js';
import { registerValidate } from './commands/validate.js';

/** The `realty` command line: every command, one error policy (a message, never a bare stack trace). */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('realty')
    .description('Real-estate listings pipeline: Realtor API -> event log -> Parquet -> catalog -> SQL')
    .version(packageVersion(), '-V, --version', 'print the version of realty')
    .option('--debug', 'print stack traces of unexpected errors')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  registerRun(program);
  registerQuery(program);
  registerValidate(program);
  registerReport(program);
  registerCost(program);
  registerCompact(program);
  registerReconcile(program);
  registerExport(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (error) {
    return reportError(error, program.opts<{ debug?: boolean }>().debug === true);
  }
}

function reportError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // commander already printed its message; --help and --version end with 0, usage errors with 2.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof RealtyError) {
    process.stderr.write(`realty: ${error.message} [${error.code}]\n`);
    if (debug && error.cause) process.stderr.write(`caused by: ${String(error.cause)}\n`);
    return USAGE_ERROR_CODES.has(error.code) ? 2 : 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`realty: unexpected error: ${message}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write('(run with --debug for the stack trace)\n');
  return 1;
}

/** The version in package.json (two levels up from src/cli and from dist/cli alike). */
function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

const isEntryPoint =
  process.argv[1] !== undefined && /(?:^|[\\/])(?:main\.[cm]?[jt]s|realty(?:\.js)?)$/.test(process.argv[1]);
if (isEntryPoint) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    () => process.exit(1),
  );
}
