// composition: a secret from the environment (locally) or from its SSM SecureString parameter (in AWS), read alike
// for the bot's token and webhook secret (chat-deps.ts) and the Zalo OA's two secrets (zalo-deps.ts).
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';

/** `what` names the secret in the error that a missing setting or an empty parameter raises. */
export async function readSecret(
  ssm: Pick<SSMClient, 'send'>,
  direct: string | undefined,
  parameter: string | undefined,
  what: string,
): Promise<string> {
  if (direct) return direct;
  if (!parameter) throw new Error(`The ${what} is not configured (neither the value nor its SSM parameter)`);
  const out = await ssm.send(new GetParameterCommand({ Name: parameter, WithDecryption: true }));
  const value = out.Parameter?.Value;
  if (!value) throw new Error(`The SSM parameter of the ${what} is empty`);
  return value;
}
