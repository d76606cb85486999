import type { RealtyConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { applyFaults, type FaultSession } from '../local/faults/apply-faults.js';
import { hasFaults, parseFaultSpec } from '../local/faults/fault-spec.js';
import { checkFaultTargets } from '../local/faults/fault-targets.js';
import type { RunFaults } from '../local/run-pipeline.js';

/**
 * The fault session of `realty run --faults SPEC` (or REALTY_FAULTS); undefined when the spec switches no
 * fault on. Throws UsageError naming the bad fault, value or unsupported target, before anything runs.
 */
export function faultSessionFor(config: RealtyConfig, fromFlag: boolean): FaultSession | undefined {
  if (config.faults === '') return undefined;
  let spec: ReturnType<typeof parseFaultSpec>;
  try {
    spec = parseFaultSpec(config.faults);
  } catch (error) {
    // parseFaultSpec names the flag; name the variable when the spec came from the environment.
    if (fromFlag || !(error instanceof UsageError)) throw error;
    throw new UsageError(error.message.replace(/^--faults /, 'REALTY_FAULTS '));
  }
  if (!hasFaults(spec)) return undefined;
  checkFaultTargets(spec, { realApi: config.apiUrl !== undefined, bus: config.bus });
  return applyFaults(spec, { seed: config.seed });
}

/** One summary line of what the faults did, naming only what happened. */
export function describeFaults(faults: RunFaults): string {
  const parts: string[] = [];
  const served = Object.entries(faults.sandbox?.faults ?? {}).filter(([, n]) => n > 0);
  if (served.length > 0) parts.push(`sandbox ${served.map(([kind, n]) => `${n} ${kind}`).join(', ')}`);
  const drifted = Object.values(faults.sandbox?.drifted ?? {}).reduce((sum, n) => sum + n, 0);
  if (drifted > 0) parts.push(`${drifted} drifted result(s)`);
  if (faults.api) parts.push(`proxy ${faults.api.tooMany} 429, ${faults.api.timeouts} timeout(s)`);
  if (faults.store) {
    const s = faults.store;
    parts.push(
      `store ${s.failedBefore + s.failedAfter} failed write(s) (${s.failedAfter} after landing), ${s.slowed} slowed`,
    );
  }
  if (faults.consumerKills > 0) parts.push(`${faults.consumerKills} consumer kill(s)`);
  if (faults.poisoned > 0) parts.push(`${faults.poisoned} poisoned record(s)`);
  return `  faults         ${faults.spec}: ${parts.length > 0 ? parts.join('; ') : 'none fired'}`;
}
