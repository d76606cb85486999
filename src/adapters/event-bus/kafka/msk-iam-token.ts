import {
  type GenerateAuthTokenResponse,
  generateAuthToken,
  generateAuthTokenFromCredentialsProvider,
} from 'aws-msk-iam-sasl-signer-js';
import { BusError } from '../../../errors.js';

/** An AWS SDK credential provider, as the signer takes it. */
export type AwsCredentialsProvider = Parameters<
  typeof generateAuthTokenFromCredentialsProvider
>[0]['awsCredentialsProvider'];

export interface MskIamTokenOptions {
  region: string;
  /** Where AWS credentials come from; the SDK's default chain (env, profile, container/instance role) when absent. */
  credentials?: AwsCredentialsProvider;
  /** A token is re-signed this long before it expires. */
  refreshBeforeMs?: number;
  now?: () => number;
}

/**
 * A SASL/OAUTHBEARER token provider for MSK IAM: signs a token with aws-msk-iam-sasl-signer-js, reuses it
 * until shortly before it expires (15 minutes, or the credentials' own expiry), and signs one at a time.
 * The client calls it on every connection and on every re-authentication (KIP-368).
 */
export function createMskIamTokenProvider(options: MskIamTokenOptions): () => Promise<string> {
  const now = options.now ?? Date.now;
  const refreshBeforeMs = options.refreshBeforeMs ?? 60_000;
  let current: GenerateAuthTokenResponse | undefined;
  let signing: Promise<GenerateAuthTokenResponse> | undefined;

  const sign = async (): Promise<GenerateAuthTokenResponse> => {
    try {
      return options.credentials
        ? await generateAuthTokenFromCredentialsProvider({
            region: options.region,
            awsCredentialsProvider: options.credentials,
          })
        : await generateAuthToken({ region: options.region });
    } catch (error) {
      throw new BusError(
        `could not sign an MSK IAM token for ${options.region}: ${error instanceof Error ? error.message : 'unknown error'}; ` +
          'give the process AWS credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or a Lambda/instance role) ' +
          'allowed kafka-cluster:Connect on the cluster',
        { cause: error },
      );
    }
  };

  return async () => {
    if (current && now() < current.expiryTime - refreshBeforeMs) return current.token;
    signing ??= sign().finally(() => {
      signing = undefined;
    });
    current = await signing;
    return current.token;
  };
}
