// adapter: staff sign-in accounts in the Amazon Cognito user pool (USER_POOL_ID): the e-mail is the user name.
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { IdentityDirectory, IdentityUser } from '../../ports/identity.js';

// Loaded at the first account change, not at cold start: every function builds this directory in its
// composition root (functions/deps.ts), but only the administration routes use it, and importing the Cognito
// client is a cost of every start otherwise (the runtime provides the SDK; importing it is the cost).
type Sdk = typeof import('@aws-sdk/client-cognito-identity-provider');
let sdk: Promise<Sdk> | undefined;
const loadSdk = () => {
  sdk ??= import('@aws-sdk/client-cognito-identity-provider');
  return sdk;
};

/** Cognito's answer by name (the SDK's exception classes are loaded lazily with it). */
const isNamed = (error: unknown, name: string) => error instanceof Error && error.name === name;

export class CognitoIdentityDirectory implements IdentityDirectory {
  private client: Promise<Pick<CognitoIdentityProviderClient, 'send'>> | undefined;

  constructor(
    private readonly userPoolId: string,
    client?: Pick<CognitoIdentityProviderClient, 'send'>,
  ) {
    if (client) this.client = Promise.resolve(client);
  }

  async createUser(user: IdentityUser): Promise<void> {
    const { AdminCreateUserCommand } = await loadSdk();
    try {
      await (await this.clientNow()).send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: user.email,
          UserAttributes: [
            { Name: 'email', Value: user.email },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'custom:staff_id', Value: user.staffId },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      );
    } catch (error) {
      // A retried or repeated grant (a second assignment of the same person): the account is there already.
      if (!isNamed(error, 'UsernameExistsException')) throw error;
      await this.enableUser(user.email);
    }
  }

  async disableUser(email: string): Promise<void> {
    const { AdminDisableUserCommand } = await loadSdk();
    await this.ignoreMissing(async () =>
      (await this.clientNow()).send(
        new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: email }),
      ),
    );
  }

  async enableUser(email: string): Promise<void> {
    const { AdminEnableUserCommand } = await loadSdk();
    await (await this.clientNow()).send(
      new AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: email }),
    );
  }

  async deleteUser(email: string): Promise<void> {
    const { AdminDeleteUserCommand } = await loadSdk();
    await this.ignoreMissing(async () =>
      (await this.clientNow()).send(
        new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: email }),
      ),
    );
  }

  /** The client, made at the first call (with the SDK). */
  private clientNow(): Promise<Pick<CognitoIdentityProviderClient, 'send'>> {
    this.client ??= loadSdk().then(
      ({ CognitoIdentityProviderClient }) => new CognitoIdentityProviderClient({}),
    );
    return this.client;
  }

  private async ignoreMissing(send: () => Promise<unknown>): Promise<void> {
    try {
      await send();
    } catch (error) {
      if (!isNamed(error, 'UserNotFoundException')) throw error;
    }
  }
}
