import { describe, expect, it } from 'vitest';
import { trinoConnection } from '../../../../src/adapters/query/trino-connection.js';
import { ConfigError } from '../../../../src/errors.js';

describe('a Trino connection', () => {
  it('sends the user, catalog, schema, UTC and microsecond timestamps on every request', () => {
    const connection = trinoConnection({ url: 'http://127.0.0.1:8080/', schema: 'realty_test' });

    expect(connection.statementUrl).toBe('http://127.0.0.1:8080/v1/statement');
    expect(connection.headers).toMatchObject({
      'X-Trino-User': 'realty',
      'X-Trino-Catalog': 'hive',
      'X-Trino-Schema': 'realty_test',
      'X-Trino-Time-Zone': 'UTC',
      'X-Trino-Session': 'hive.timestamp_precision=MICROSECONDS',
      'X-Trino-Client-Capabilities': 'PARAMETRIC_DATETIME',
    });
    expect(connection.headers).not.toHaveProperty('Authorization');
  });

  it('keeps a path prefix, for a Trino behind a reverse proxy', () => {
    const connection = trinoConnection({ url: 'https://gateway.example.com/trino/' });

    expect(connection.statementUrl).toBe('https://gateway.example.com/trino/v1/statement');
  });

  it('authenticates with HTTP basic over https', () => {
    const connection = trinoConnection({ url: 'https://trino.example.com', user: 'ana', password: 's3cret' });

    expect(connection.headers['Authorization']).toBe(`Basic ${Buffer.from('ana:s3cret').toString('base64')}`);
  });

  it('refuses to send a password in clear text to another machine', () => {
    const connect = () => trinoConnection({ url: 'http://trino.example.com:8080', password: 's3cret' });

    expect(connect).toThrow(ConfigError);
    expect(connect).toThrow(/https/);
  });

  it('refuses URLs that are not an http(s) coordinator address, saying what to use', () => {
    for (const url of ['127.0.0.1:8080', 'ftp://trino', 'http://user:pw@trino:8080', 'http://trino?x=1']) {
      expect(() => trinoConnection({ url })).toThrow(ConfigError);
    }
  });

  it('refuses a catalog or schema that is not a lower-case identifier', () => {
    expect(() => trinoConnection({ url: 'http://127.0.0.1:8080', schema: 'Realty' })).toThrow(
      /schema "Realty"/,
    );
    expect(() => trinoConnection({ url: 'http://127.0.0.1:8080', catalog: 'hive;drop' })).toThrow(
      ConfigError,
    );
  });
});
