import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { ConfigError } from '../../../src/errors.js';
import { trinoEngine, trinoLocationRoot } from '../../../src/runtime/trino.js';

describe('the Trino runtime', () => {
  it('reads the local bucket through the local file system scripts/trino.sh roots at it', () => {
    expect(trinoLocationRoot(loadConfig({}))).toBe('local:///');
  });

  it('reads an S3 bucket at s3://<bucket>/', () => {
    const config = loadConfig({ REALTY_STORE: 's3', REALTY_BUCKET: 'acme-listings' });

    expect(trinoLocationRoot(config)).toBe('s3://acme-listings/');
  });

  it('takes the Trino URL from --trino-url over REALTY_TRINO_URL, and refuses one that is not a URL', () => {
    const config = loadConfig({ REALTY_TRINO_URL: 'http://127.0.0.1:1' }, { trinoUrl: 'http://127.0.0.1:2' });

    expect(config.trinoUrl).toBe('http://127.0.0.1:2');
    expect(() => loadConfig({ REALTY_TRINO_URL: 'localhost:8080' })).toThrow(ConfigError);
    expect(() => trinoEngine({ ...config, trinoUrl: 'ftp://trino' })).toThrow(ConfigError);
  });
});
