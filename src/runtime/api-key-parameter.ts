import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { ConfigError } from '../errors.js';

/** The one command that creates the parameter as the stack expects it (docs/deploy.md, step 2). */
export function putApiKeyCommand(name: string): string {
  return `aws ssm put-parameter --name ${name} --type SecureString --value "$RAPIDAPI_KEY"`;
}

/**
 * Reads the API key from the SSM SecureString parameter `name`, decrypted. The operator creates it before the
 * first deploy: CloudFormation cannot create a SecureString and SSM cannot change a parameter's type, so a
 * missing parameter, a plain String or an empty value is a ConfigError saying exactly what to run.
 */
export async function readApiKeyParameter(client: SSMClient, name: string): Promise<string> {
  let parameter: { Type?: string | undefined; Value?: string | undefined } | undefined;
  try {
    ({ Parameter: parameter } = await client.send(
      new GetParameterCommand({ Name: name, WithDecryption: true }),
    ));
  } catch (error) {
    throw readError(name, error);
  }
  if (parameter?.Type !== 'SecureString') {
    throw new ConfigError(
      `SSM parameter ${name} is a ${parameter?.Type ?? 'parameter of no type'}, not a SecureString; SSM cannot ` +
        `change a parameter's type, so delete it (aws ssm delete-parameter --name ${name}) and create it again: ` +
        putApiKeyCommand(name),
    );
  }
  const value = parameter.Value?.trim();
  if (!value) {
    throw new ConfigError(
      `SSM parameter ${name} holds no API key; put the RapidAPI key in it: ${putApiKeyCommand(name)} --overwrite`,
    );
  }
  return value;
}

function readError(name: string, error: unknown): ConfigError {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (error instanceof Error && error.name === 'ParameterNotFound') {
    return new ConfigError(
      `SSM parameter ${name} does not exist; create it (the stack does not) before the ingest runs: ` +
        putApiKeyCommand(name),
      { cause: error },
    );
  }
  return new ConfigError(
    `could not read SSM parameter ${name} (${reason}); check that it exists and that the role may ` +
      'ssm:GetParameter it (and kms:Decrypt its key, when that is a customer managed key)',
    { cause: error },
  );
}
