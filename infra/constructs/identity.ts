// infra: staff sign-in to the HTTP API — our Cognito user pool and its app client, or an existing OIDC provider
// from the stage settings; either way one issuer, audience and JWKS URL for the authorizer and the functions.
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolEmail,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { IdentityConfig, StageConfig } from '../config.js';
import { acknowledge } from '../nag.js';

/** What the JWT authorizer and our own token verifier (functions/deps.ts) check a token against. */
export interface TokenIssuer {
  /** The `iss` claim. */
  issuer: string;
  /** The `aud` claim of an ID token (Cognito: the app client id). */
  audience: string;
  /** The issuer's public keys (RS256). */
  jwksUrl: string;
}

/** The custom attribute holding the staff person's id (`custom:staff_id`), set by the administration. */
export const STAFF_ID_ATTRIBUTE = 'staff_id';

/** Token lifetimes of the staff's app client. */
export const STAFF_TOKEN_VALIDITY = {
  idToken: Duration.hours(1),
  accessToken: Duration.hours(1),
  refreshToken: Duration.days(30),
} as const;

/** Cognito's issuer URL of a user pool, built rather than read so the template shows its shape. */
export function cognitoIssuer(region: string, userPoolId: string): string {
  return `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}

/**
 * The staff's Amazon Cognito user pool. Administrators create every account (AdminCreateUser through the
 * admin routes, `user-pool:admin`); Cognito e-mails the temporary password. Tokens are RS256, which API
 * Gateway's JWT authorizer and jose verify from the pool's JWKS.
 */
export class StaffUserPool extends Construct implements TokenIssuer {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUrl: string;

  constructor(scope: Construct, id: string, props: { stage: StageConfig }) {
    super(scope, id);
    const { stage } = props;
    const prod = stage.name === 'prod';

    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `${stage.prefix}-staff`,
      // Staff are appointed, not self-registered: only AdminCreateUser makes an account.
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        // Mutable: a person moved to another staff record keeps their sign-in.
        [STAFF_ID_ATTRIBUTE]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(7),
        passwordHistorySize: 5,
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Essentials: the V2 pre-token trigger and password history; 10,000 monthly active users free.
      featurePlan: FeaturePlan.ESSENTIALS,
      email: UserPoolEmail.withCognito(),
      userInvitation: {
        emailSubject: 'Tài khoản đăng nhập hệ thống Liên hệ nơi cư trú',
        emailBody:
          'Xin chào,<br><br>Quản trị viên đã tạo cho anh/chị tài khoản đăng nhập hệ thống Liên hệ nơi cư trú.' +
          '<br>Tên đăng nhập: {username}<br>Mật khẩu tạm thời: {####}<br><br>' +
          'Lần đăng nhập đầu tiên, hệ thống yêu cầu anh/chị đặt mật khẩu mới. Mật khẩu tạm thời có hiệu lực 7 ngày.',
      },
      userVerification: {
        emailSubject: 'Mã xác minh hệ thống Liên hệ nơi cư trú',
        emailBody: 'Mã xác minh của anh/chị là {####}. Không chia sẻ mã này với bất kỳ ai.',
        // Never sent (no SMS in this pool), but Cognito stores a message; ours, not its English default.
        smsMessage: 'Mã xác minh Liên hệ nơi cư trú: {####}',
      },
      deletionProtection: prod,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    this.client = this.userPool.addClient('StaffClient', {
      userPoolClientName: `${stage.prefix}-staff`,
      // A public client (the staff's browser or script): a secret could not be kept there.
      generateSecret: false,
      // SRP: the password never leaves the client. CDK adds ALLOW_REFRESH_TOKEN_AUTH to any list.
      authFlows: { userSrp: true },
      // No hosted UI and no OAuth flows, so no implicit grant that would put tokens in URLs.
      disableOAuth: true,
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      idTokenValidity: STAFF_TOKEN_VALIDITY.idToken,
      accessTokenValidity: STAFF_TOKEN_VALIDITY.accessToken,
      refreshTokenValidity: STAFF_TOKEN_VALIDITY.refreshToken,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
    });

    this.issuer = cognitoIssuer(Stack.of(this).region, this.userPool.userPoolId);
    this.audience = this.client.userPoolClientId;
    this.jwksUrl = `${this.issuer}/.well-known/jwks.json`;

    acknowledge(
      this.userPool,
      'AwsSolutions-COG2',
      'MFA is optional (TOTP offered to every staff member), not required: ward and workplace staff are often ' +
        'older volunteers without an authenticator app, and an administrator creates each account. Enforce it ' +
        'with Mfa.REQUIRED in infra/constructs/identity.ts when the province asks for it.',
    );
    acknowledge(
      this.userPool,
      'AwsSolutions-COG8',
      'Essentials feature plan, not Plus: threat protection (the former advanced security) is only in Plus, ' +
        'which has no free tier and is billed per monthly active user. There is no self sign-up, passwords ' +
        'are strong with history, and the API is throttled; revisit if the pool is exposed more widely.',
    );
  }

  /** Cognito calls `fn` before each token (V2 event: claims in both ID and access tokens). */
  addPreTokenGeneration(fn: IFunction): void {
    this.userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, fn, LambdaVersion.V2_0);
  }
}

/** The stage's identity provider: our pool when `cognito` (the default), else the OIDC provider's settings. */
export function stageIdentity(
  scope: Construct,
  stage: StageConfig,
): { issuer: TokenIssuer; pool?: StaffUserPool } {
  const identity: IdentityConfig = stage.identity ?? { kind: 'cognito' };
  if (identity.kind === 'oidc') {
    return {
      issuer: { issuer: identity.issuer, audience: identity.audience, jwksUrl: identity.jwksUrl },
    };
  }
  const pool = new StaffUserPool(scope, 'StaffIdentity', { stage });
  return { issuer: pool, pool };
}
