// adapter: staff sign-in accounts in the Amazon Cognito user pool (USER_POOL_ID): the e-mail is the user name.
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  CognitoIdentityProviderClient,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { IdentityDirectory, IdentityUser } from '../../ports/identity.js';

export class CognitoIdentityDirectory implements IdentityDirectory {
  constructor(
    private readonly userPoolId: string,
    private readonly client = new CognitoIdentityProviderClient({}),
  ) {}

  async createUser(user: IdentityUser): Promise<void> {
    try {
      await this.client.send(
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
      if (!(error instanceof UsernameExistsException)) throw error;
      await this.enableUser(user.email);
    }
  }

  async disableUser(email: string): Promise<void> {
    await this.ignoreMissing(() =>
      this.client.send(new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: email })),
    );
  }

  async enableUser(email: string): Promise<void> {
    await this.client.send(new AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: email }));
  }

  async deleteUser(email: string): Promise<void> {
    await this.ignoreMissing(() =>
      this.client.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: email })),
    );
  }

  private async ignoreMissing(send: () => Promise<unknown>): Promise<void> {
    try {
      await send();
    } catch (error) {
      if (!(error instanceof UserNotFoundException)) throw error;
    }
  }
}
