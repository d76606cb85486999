import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { readApiKeyParameter } from '../../../src/runtime/api-key-parameter.js';
import { MOTO_CREDENTIALS, MOTO_REGION, type MotoServer, startMoto } from './moto-server.js';

// The key lives in an SSM SecureString the operator creates: CloudFormation's AWS::SSM::Parameter cannot create
// one ("SecureString isn't currently supported for CloudFormation templates",
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html), and the aws/ssm key
// lets every principal of the account decrypt (https://docs.aws.amazon.com/systems-manager/latest/userguide/ps-restrict-decryption.html).
let moto: MotoServer;
let ssm: SSMClient;

beforeAll(async () => {
  moto = await startMoto();
  ssm = new SSMClient({ endpoint: moto.endpoint, region: MOTO_REGION, credentials: MOTO_CREDENTIALS });
});

afterAll(async () => {
  ssm?.destroy();
  await moto?.stop();
});

const put = (Name: string, Type: 'String' | 'SecureString', Value: string) =>
  ssm.send(new PutParameterCommand({ Name, Type, Value }));

describe('readApiKeyParameter against an SSM API server', () => {
  it('returns the decrypted value of a SecureString', async () => {
    // Prepare
    await put('/realty/test/api-key', 'SecureString', 'k-123');

    // Act
    const key = await readApiKeyParameter(ssm, '/realty/test/api-key');

    // Assess
    expect(key).toBe('k-123');
  });

  it('names the put-parameter command when the parameter does not exist', async () => {
    // Act
    const read = readApiKeyParameter(ssm, '/realty/missing/api-key');

    // Assess
    await expect(read).rejects.toThrow(ConfigError);
    await expect(read).rejects.toThrow(
      'SSM parameter /realty/missing/api-key does not exist; create it (the stack does not) before the ingest runs: ' +
        'aws ssm put-parameter --name /realty/missing/api-key --type SecureString --value "$RAPIDAPI_KEY"',
    );
  });

  it('refuses a plain String and says to delete and re-create it, since SSM cannot change its type', async () => {
    // Prepare
    await put('/realty/plain/api-key', 'String', 'k-plain');

    // Act
    const read = readApiKeyParameter(ssm, '/realty/plain/api-key');

    // Assess
    await expect(read).rejects.toThrow(/is a String, not a SecureString/);
    await expect(read).rejects.toThrow(/aws ssm delete-parameter --name \/realty\/plain\/api-key/);
    await expect(read).rejects.not.toThrow(/k-plain/);
  });

  it('refuses a SecureString that holds only blanks', async () => {
    // Prepare
    await put('/realty/blank/api-key', 'SecureString', '   ');

    // Act
    const read = readApiKeyParameter(ssm, '/realty/blank/api-key');

    // Assess
    await expect(read).rejects.toThrow(/holds no API key.*--type SecureString.*--overwrite/);
  });
});
