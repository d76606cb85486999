import { describe, expect, it } from 'vitest';
import { handlerConfig } from '../../../src/runtime/handler-config.js';

// What serverless.yml gives every function (provider.environment), minus the names.
const STACK = { REALTY_STORE: 's3', REALTY_CATALOG: 'glue' };

describe('handlerConfig', () => {
  it('keeps S3 and Glue in Lambda, where IS_LOCAL is not set', () => {
    // Act
    const config = handlerConfig(STACK);

    // Assess
    expect(config).toMatchObject({ store: 's3', catalog: 'glue' });
  });

  it('runs on the local directory and catalog under sls invoke local (IS_LOCAL=true) when no endpoint is given', () => {
    // Act
    const config = handlerConfig({ ...STACK, IS_LOCAL: 'true', REALTY_DATA_DIR: '/tmp/x' });

    // Assess
    expect(config).toMatchObject({ store: 'local', catalog: 'local', dataDir: '/tmp/x' });
  });

  it('keeps each AWS adapter whose endpoint names a server, under sls invoke local', () => {
    // Act
    const s3Only = handlerConfig({ ...STACK, IS_LOCAL: 'true', REALTY_S3_ENDPOINT: 'http://127.0.0.1:5000' });
    const both = handlerConfig({
      ...STACK,
      IS_LOCAL: 'true',
      REALTY_S3_ENDPOINT: 'http://127.0.0.1:5000',
      REALTY_GLUE_ENDPOINT: 'http://127.0.0.1:5000',
    });

    // Assess
    expect(s3Only).toMatchObject({ store: 's3', catalog: 'local' });
    expect(both).toMatchObject({ store: 's3', catalog: 'glue' });
  });
});
