import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import {
  batchingWindowMs,
  effectiveMaximumRetryAttempts,
  MSK_INVOKE_PAYLOAD_LIMIT_BYTES,
  parseEsmSettings,
} from '../../../src/msk/esm-settings.js';

describe('parseEsmSettings', () => {
  it('fills in the defaults AWS documents for an Amazon MSK event source mapping', () => {
    // Prepare
    const input = {};

    // Act
    const settings = parseEsmSettings(input);

    // Assess
    expect(settings).toEqual({
      BatchSize: 100,
      MaximumRetryAttempts: -1,
      MaximumRecordAgeInSeconds: -1,
      BisectBatchOnFunctionError: false,
      FunctionResponseTypes: [],
    });
    expect(batchingWindowMs(settings)).toBe(500);
    expect(MSK_INVOKE_PAYLOAD_LIMIT_BYTES).toBe(6_291_456);
  });

  it('keeps every setting given within AWS ranges', () => {
    // Prepare
    const input = {
      BatchSize: 10_000,
      MaximumBatchingWindowInSeconds: 0,
      MaximumRetryAttempts: 10_000,
      MaximumRecordAgeInSeconds: 604_800,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: 'arn:aws:s3:::realty-dead-letter' } },
    };

    // Act
    const settings = parseEsmSettings(input);

    // Assess
    expect(settings).toEqual(input);
    expect(batchingWindowMs(settings)).toBe(0);
  });

  it.each([
    [{ BatchSize: 0 }, 'BatchSize'],
    [{ BatchSize: 10_001 }, 'BatchSize'],
    [{ BatchSize: 2.5 }, 'BatchSize'],
    [{ MaximumBatchingWindowInSeconds: 301 }, 'MaximumBatchingWindowInSeconds'],
    [{ MaximumBatchingWindowInSeconds: 0.5 }, 'MaximumBatchingWindowInSeconds'],
    [{ MaximumRetryAttempts: -2 }, 'MaximumRetryAttempts'],
    [{ MaximumRetryAttempts: 10_001 }, 'MaximumRetryAttempts'],
    [{ MaximumRecordAgeInSeconds: 59 }, 'MaximumRecordAgeInSeconds'],
    [{ MaximumRecordAgeInSeconds: 604_801 }, 'MaximumRecordAgeInSeconds'],
    [{ FunctionResponseTypes: ['ReportItemFailures'] }, 'FunctionResponseTypes[0]'],
    [{ BisectBatchOnFunctionError: 'yes' }, 'BisectBatchOnFunctionError'],
    [
      { DestinationConfig: { OnFailure: { Destination: 'realty-dead-letter' } } },
      'DestinationConfig.OnFailure.Destination',
    ],
  ])('rejects %j with a ConfigError naming %s', (input, path) => {
    // Act
    const act = () => parseEsmSettings(input);

    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow(new RegExp(`^ESM setting ${path.replace(/[[\].]/g, '\\$&')} `));
  });

  it('rejects an unknown setting, as a misspelt name would otherwise be ignored', () => {
    // Act
    const act = () => parseEsmSettings({ BatchSize: 10, MaximumRetryAttempt: 2 });

    // Assess
    expect(act).toThrow(/ESM setting MaximumRetryAttempt is not a setting/);
  });

  it('rejects settings that are not an object', () => {
    // Act
    const act = () => parseEsmSettings(100);

    // Assess
    expect(act).toThrow(/^ESM settings must be an object of AWS setting names; got 100/);
  });

  it('says what range AWS allows and what was given', () => {
    // Act
    const act = () => parseEsmSettings({ MaximumRecordAgeInSeconds: 30 });

    // Assess
    expect(act).toThrow(/-1 \(infinite\) or 60 to 604800; got 30/);
  });
});

describe('effectiveMaximumRetryAttempts', () => {
  it('turns infinite retries into 10 when an on-failure destination is configured, as Lambda does', () => {
    // Prepare
    const settings = parseEsmSettings({});

    // Act
    const withDestination = effectiveMaximumRetryAttempts(settings, true);
    const without = effectiveMaximumRetryAttempts(settings, false);

    // Assess
    expect(withDestination).toBe(10);
    expect(without).toBe(Number.POSITIVE_INFINITY);
    expect(effectiveMaximumRetryAttempts(parseEsmSettings({ MaximumRetryAttempts: 0 }), true)).toBe(0);
  });
});
