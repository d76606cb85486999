import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMskIamTokenProvider } from '../../../../../src/adapters/event-bus/kafka/msk-iam-token.js';
import { BusError } from '../../../../../src/errors.js';

// AWS's documented example credentials: the signer works offline, nothing is sent anywhere.
const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

function decodeToken(token: string): URL {
  return new URL(Buffer.from(token, 'base64url').toString('utf8'));
}

describe('createMskIamTokenProvider', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('signs a kafka-cluster:Connect token for the region with the credentials from the environment', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', ACCESS_KEY_ID);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', SECRET_ACCESS_KEY);
    vi.stubEnv('AWS_SESSION_TOKEN', '');
    vi.stubEnv('AWS_PROFILE', '');
    const provider = createMskIamTokenProvider({ region: 'eu-west-1' });

    const token = await provider();

    const url = decodeToken(token);
    expect(url.hostname).toBe('kafka.eu-west-1.amazonaws.com');
    expect(url.searchParams.get('Action')).toBe('kafka-cluster:Connect');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(
      /^AKIAIOSFODNN7EXAMPLE\/\d{8}\/eu-west-1\/kafka-cluster\//,
    );
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(token).not.toContain(SECRET_ACCESS_KEY);
    expect(url.toString()).not.toContain(SECRET_ACCESS_KEY);
  });

  it('reuses a token until a minute before it expires, then signs a new one', async () => {
    let nowMs = Date.now();
    const credentials = vi.fn(async () => ({
      accessKeyId: ACCESS_KEY_ID,
      secretAccessKey: SECRET_ACCESS_KEY,
    }));
    const provider = createMskIamTokenProvider({ region: 'us-east-1', credentials, now: () => nowMs });

    const first = await provider();
    nowMs += 10 * 60_000;
    const second = await provider();
    nowMs += 4 * 60_000 + 1_000; // 14 min 1 s: inside the last minute of the 15-minute token
    const third = await provider();

    expect(second).toBe(first);
    expect(credentials).toHaveBeenCalledTimes(2);
    expect(decodeToken(third).hostname).toBe('kafka.us-east-1.amazonaws.com');
  });

  it('signs once for concurrent connections asking at the same time', async () => {
    const credentials = vi.fn(async () => ({
      accessKeyId: ACCESS_KEY_ID,
      secretAccessKey: SECRET_ACCESS_KEY,
    }));
    const provider = createMskIamTokenProvider({ region: 'us-east-1', credentials });

    const tokens = await Promise.all([provider(), provider(), provider()]);

    expect(new Set(tokens).size).toBe(1);
    expect(credentials).toHaveBeenCalledTimes(1);
  });

  it('fails with a BusError saying where credentials come from when there are none', async () => {
    const credentials = async () => {
      throw new Error('Could not load credentials from any providers');
    };
    const provider = createMskIamTokenProvider({ region: 'us-east-1', credentials });

    const signing = provider();

    await expect(signing).rejects.toBeInstanceOf(BusError);
    await expect(signing).rejects.toThrow(/MSK IAM token.*us-east-1.*AWS_ACCESS_KEY_ID/s);
  });
});
