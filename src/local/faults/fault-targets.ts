import { UsageError } from '../../errors.js';
import type { FaultSpec } from './fault-spec.js';

/** The API faults: served by the built-in sandbox (or the proxy in front of it), never aimed at a real API. */
const API_FAULTS = [
  ['api5xx', 'api5xx'],
  ['api429', 'api429'],
  ['timeout', 'timeout'],
  ['reset', 'reset'],
  ['truncated', 'truncated'],
  ['malformed', 'malformed'],
  ['slow', 'slow'],
  ['drift', 'drift'],
] as const satisfies readonly (readonly [string, keyof FaultSpec])[];

/** Where a run's faults would land: a real API (--api-url) or the sandbox, the embedded log or Kafka. */
export interface FaultTargets {
  realApi: boolean;
  bus: 'embedded' | 'kafka';
}

/**
 * Throws UsageError when the spec asks for a fault the run cannot inject: API faults against a real API
 * (they are the sandbox's), or consumer kills on Kafka (the killer supervises the embedded mapping only).
 */
export function checkFaultTargets(spec: FaultSpec, targets: FaultTargets): void {
  const apiFaults = API_FAULTS.filter(([, field]) => spec[field] > 0).map(([key]) => key);
  if (targets.realApi && apiFaults.length > 0) {
    throw new UsageError(
      `--faults ${apiFaults.join(', ')} ${apiFaults.length === 1 ? 'acts' : 'act'} on the built-in API sandbox only, not on the real API of --api-url; drop them or run without --api-url`,
    );
  }
  if (targets.bus === 'kafka' && spec.killConsumer > 0) {
    throw new UsageError(
      '--faults kill-consumer works on the embedded log only, not with --bus kafka; kill a Kafka broker instead (test/integration/kafka-run.test.ts does)',
    );
  }
}
