import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';

describe('loadConfig', () => {
  it('applies the defaults when nothing is set', () => {
    const config = loadConfig({});

    expect(config.dataDir).toBe('.realty');
    expect(config.topic).toBe('realty.listings.v1');
    expect(config.batchSize).toBe(10_000);
    expect(config.bisectOnError).toBe(true);
    expect(config.apiUrl).toBeUndefined();
  });

  it('lets flags win over the environment', () => {
    const config = loadConfig(
      { REALTY_DATA_DIR: '/from/env', REALTY_BATCH_SIZE: '50' },
      { dataDir: '/from/flag' },
    );

    expect(config.dataDir).toBe('/from/flag');
    expect(config.batchSize).toBe(50);
  });

  it('rejects an unknown REALTY_ variable and names it', () => {
    expect(() => loadConfig({ REALTY_DATADIR: 'x' })).toThrow(/REALTY_DATADIR is not a known setting/);
  });

  it('names every invalid value at once, by flag or variable', () => {
    const act = () => loadConfig({ REALTY_BATCH_SIZE: '20000' }, { bus: 'rabbit' });

    expect(act).toThrow(ConfigError);
    expect(act).toThrow(/REALTY_BATCH_SIZE="20000" must be at most 10000/);
    expect(act).toThrow(/--bus="rabbit" must be one of embedded, kafka/);
  });

  it('never echoes the API key in an error', () => {
    expect(() => loadConfig({ REALTY_API_KEY: '   ' })).toThrow(/REALTY_API_KEY=\(redacted\)/);
  });

  it('splits brokers and search areas into lists', () => {
    const config = loadConfig({
      REALTY_KAFKA_BROKERS: 'a:9092, b:9092',
      REALTY_SEARCH_AREAS: 'postal:90004:for_sale city:Austin,TX:for_rent',
    });

    expect(config.kafkaBrokers).toEqual(['a:9092', 'b:9092']);
    expect(config.searchAreas).toEqual(['postal:90004:for_sale', 'city:Austin,TX:for_rent']);
  });
});
