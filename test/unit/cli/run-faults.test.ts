import { describe, expect, it } from 'vitest';
import { describeFaults, faultSessionFor } from '../../../src/cli/run-faults.js';
import { loadConfig } from '../../../src/config.js';
import { UsageError } from '../../../src/errors.js';

const configWith = (flags: Parameters<typeof loadConfig>[1] = {}, env: Record<string, string> = {}) =>
  loadConfig(env, { dataDir: '/nonexistent/realty', ...flags });

function usageMessage(act: () => unknown): string {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error('expected a UsageError');
}

describe('realty run --faults (faultSessionFor)', () => {
  it('injects nothing when the spec is empty or switches no fault on', () => {
    expect(faultSessionFor(configWith(), false)).toBeUndefined();
    expect(faultSessionFor(configWith({ faults: 'seed=7' }), true)).toBeUndefined();
  });

  it('builds a session of the spec, seeded by the run seed unless the spec gives one', () => {
    const session = faultSessionFor(configWith({ faults: 'api5xx=0.1,kill-consumer=3', seed: '9' }), true);

    expect(session?.spec).toMatchObject({ api5xx: 0.1, killConsumer: 3 });
    expect(session?.report().spec).toBe('api5xx=0.1,kill-consumer=3');
  });

  it('names the bad value of the flag in one line', () => {
    const message = usageMessage(() => faultSessionFor(configWith({ faults: 'api5xx=2' }), true));

    expect(message).toMatch(/^--faults api5xx=2: a fault rate is a probability from 0 to 1/);
    expect(message).not.toContain('\n');
  });

  it('names REALTY_FAULTS, not the flag, when the bad spec came from the environment', () => {
    const config = configWith({}, { REALTY_FAULTS: 'kil-consumer=1' });

    const message = usageMessage(() => faultSessionFor(config, false));

    expect(message).toMatch(/^REALTY_FAULTS unknown fault "kil-consumer" \(did you mean "kill-consumer"\?\)/);
  });

  it('refuses API faults against a real API (--api-url), naming them', () => {
    const config = configWith({
      faults: 'api5xx=0.1,drift=0.2,poison=0.1',
      apiUrl: 'https://api.example.com',
    });

    const message = usageMessage(() => faultSessionFor(config, true));

    expect(message).toContain('--faults api5xx, drift act on the built-in API sandbox only');
  });

  it('allows the faults that do not touch the API with --api-url (store, poison, consumer kills)', () => {
    const config = configWith({ faults: 'poison=0.1,kill-consumer=1', apiUrl: 'https://api.example.com' });

    expect(faultSessionFor(config, true)?.spec.poison).toBe(0.1);
  });

  it('refuses kill-consumer with --bus kafka, but not the other faults', () => {
    const kafka = { bus: 'kafka' };

    expect(
      usageMessage(() => faultSessionFor(configWith({ ...kafka, faults: 'kill-consumer=2' }), true)),
    ).toContain('kill-consumer works on the embedded log only');
    expect(faultSessionFor(configWith({ ...kafka, faults: 'api429=0.2' }), true)?.spec.api429).toBe(0.2);
  });
});

describe('describeFaults', () => {
  it('names only what fired', () => {
    const line = describeFaults({
      spec: 'api5xx=0.1,kill-consumer=2',
      api: null,
      store: null,
      consumerKills: 2,
      poisoned: 0,
      sandbox: {
        faults: { server_error: 4, slow: 0, truncated: 0, malformed: 0, reset: 0 },
        drifted: { missing: 0, renamed: 0, wrong_type: 0 },
      },
    });

    expect(line).toBe(
      '  faults         api5xx=0.1,kill-consumer=2: sandbox 4 server_error; 2 consumer kill(s)',
    );
  });
});
