// infra tests: staff sign-in — the Cognito user pool and its client, the JWT authorizer and the functions'
// issuer settings, the pre-token trigger, the user-pool:admin grant, and the OIDC alternative.
import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { LOCAL_JWT_SECRET } from '../../local/settings.js';
import {
  BACKGROUND_FUNCTIONS,
  type BackgroundFunctionDef,
  HTTP_GROUPS,
  HTTP_ROUTES,
  type HttpRouteDef,
} from '../../shared/config/functions.js';
import {
  FIXTURE_BACKGROUND_FUNCTIONS,
  FIXTURE_HTTP_GROUPS,
  FIXTURE_HTTP_ROUTES,
} from '../fixtures/functions/registry.js';
import { synthStage, TEST_ENV } from './support.js';

type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties: Json;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

const preToken = BACKGROUND_FUNCTIONS.find((f) => f.trigger.kind === 'cognito') as BackgroundFunctionDef;
const staffAdmin: HttpRouteDef = {
  ...(FIXTURE_HTTP_ROUTES[0] as HttpRouteDef),
  name: 'staff-admin',
  group: 'staff-admin',
  method: 'POST',
  path: '/staff',
  grants: ['table:read', 'user-pool:admin'],
};
/** The administration's function stands alone here, so its grant can be told apart from the fixture's. */
const staffAdminGroup = {
  name: 'staff-admin',
  entry: 'test/fixtures/functions/whoami.ts',
  description: 'Grants roles and creates sign-ins',
};
const registry = {
  httpGroups: [...FIXTURE_HTTP_GROUPS, staffAdminGroup],
  httpRoutes: [...FIXTURE_HTTP_ROUTES, staffAdmin],
  backgroundFunctions: [...FIXTURE_BACKGROUND_FUNCTIONS, preToken],
};
const OIDC = {
  kind: 'oidc',
  issuer: 'https://id.example.org/realms/lienhe',
  audience: 'lienhe-api',
  jwksUrl: 'https://id.example.org/realms/lienhe/protocol/openid-connect/certs',
} as const;

const COGNITO = { identity: { kind: 'cognito' } } as const;
const dev = synthStage({ stage: 'dev', env: TEST_ENV, registry, settings: COGNITO });
const prod = synthStage({ stage: 'prod', env: TEST_ENV, registry, settings: COGNITO });
const real = synthStage({
  stage: 'prod',
  env: TEST_ENV,
  settings: COGNITO,
  registry: { httpGroups: HTTP_GROUPS, httpRoutes: HTTP_ROUTES, backgroundFunctions: BACKGROUND_FUNCTIONS },
});
const oidc = synthStage({
  stage: 'prod',
  env: TEST_ENV,
  settings: { identity: OIDC },
  registry: {
    httpGroups: FIXTURE_HTTP_GROUPS,
    httpRoutes: FIXTURE_HTTP_ROUTES,
    backgroundFunctions: [...FIXTURE_BACKGROUND_FUNCTIONS, preToken],
  },
});

function resources(template: Template, type: string): [string, Resource][] {
  return Object.entries(template.findResources(type)) as [string, Resource][];
}

function only(template: Template, type: string): [string, Resource] {
  const found = resources(template, type);
  expect(found, type).toHaveLength(1);
  return found[0] as [string, Resource];
}

function fn(template: Template, functionName: string): [string, Resource] {
  const found = resources(template, 'AWS::Lambda::Function').find(
    ([, r]) => r.Properties.FunctionName === functionName,
  );
  if (!found) throw new Error(`No function ${functionName}`);
  return found;
}

const variables = (r: Resource) => (r.Properties.Environment as { Variables: Json }).Variables;

/** `https://cognito-idp.ap-southeast-1.amazonaws.com/<pool id>` as CloudFormation writes it. */
function issuerOf(template: Template): Json {
  const [poolId] = only(template, 'AWS::Cognito::UserPool');
  return { 'Fn::Join': ['', ['https://cognito-idp.ap-southeast-1.amazonaws.com/', { Ref: poolId }]] };
}

describe('Construct: StaffUserPool', () => {
  it('lets only administrators create accounts, by username or e-mail, with a strong password and optional TOTP', () => {
    // Act
    const [, pool] = only(dev.appTemplate, 'AWS::Cognito::UserPool');

    // Assess
    expect(pool.Properties).toMatchObject({
      UserPoolName: 'lienhe-dev-staff',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      AliasAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          TemporaryPasswordValidityDays: 7,
        },
      },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'ESSENTIALS',
    });
    expect(pool.Properties.Schema).toContainEqual({
      AttributeDataType: 'String',
      Name: 'staff_id',
      Mutable: true,
      StringAttributeConstraints: { MinLength: '1', MaxLength: '64' },
    });
  });

  it('recovers accounts by e-mail only and invites in Vietnamese with the username and temporary password', () => {
    // Act
    const [, pool] = only(dev.appTemplate, 'AWS::Cognito::UserPool');
    const invite = (pool.Properties.AdminCreateUserConfig as { InviteMessageTemplate: Json })
      .InviteMessageTemplate;

    // Assess
    expect(pool.Properties.AccountRecoverySetting).toEqual({
      RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }],
    });
    expect(invite.EmailSubject).toMatch(/Tài khoản đăng nhập/);
    expect(invite.EmailMessage).toContain('{username}');
    expect(invite.EmailMessage).toContain('{####}');
    expect(invite.EmailMessage).toMatch(/Mật khẩu tạm thời/);
  });

  it('is protected from deletion and retained in prod, and removable in dev', () => {
    // Act
    const [, inProd] = only(prod.appTemplate, 'AWS::Cognito::UserPool');
    const [, inDev] = only(dev.appTemplate, 'AWS::Cognito::UserPool');

    // Assess
    expect(inProd.Properties.DeletionProtection).toBe('ACTIVE');
    expect(inProd.DeletionPolicy).toBe('Retain');
    expect(inProd.UpdateReplacePolicy).toBe('Retain');
    expect(inDev.Properties.DeletionProtection).toBe('INACTIVE');
    expect(inDev.DeletionPolicy).toBe('Delete');
  });

  it('has one app client without a secret: SRP and refresh only, no OAuth flow, 1 h tokens, 30 d refresh', () => {
    // Act
    const [, client] = only(dev.appTemplate, 'AWS::Cognito::UserPoolClient');

    // Assess
    expect(client.Properties).toMatchObject({
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlowsUserPoolClient: false,
      IdTokenValidity: 60,
      AccessTokenValidity: 60,
      RefreshTokenValidity: 30 * 24 * 60,
      TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes', RefreshToken: 'minutes' },
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
    expect(client.Properties).not.toHaveProperty('AllowedOAuthFlows');
  });
});

describe('Resource: JWT authorizer and the functions issuer settings', () => {
  it("checks tokens against the pool's issuer with the app client as audience", () => {
    for (const stage of [dev, prod, real]) {
      // Prepare
      const [clientId] = only(stage.appTemplate, 'AWS::Cognito::UserPoolClient');

      // Act
      const [, authorizer] = only(stage.appTemplate, 'AWS::ApiGatewayV2::Authorizer');

      // Assess
      expect(authorizer.Properties).toMatchObject({
        AuthorizerType: 'JWT',
        JwtConfiguration: { Issuer: issuerOf(stage.appTemplate), Audience: [{ Ref: clientId }] },
      });
    }
  });

  it("gives every function the pool's issuer, audience and JWKS URL, except the pool's own trigger", () => {
    // Prepare
    const issuer = issuerOf(dev.appTemplate);
    const [clientId] = only(dev.appTemplate, 'AWS::Cognito::UserPoolClient');
    const [poolId] = only(dev.appTemplate, 'AWS::Cognito::UserPool');
    const jwks = {
      'Fn::Join': [
        '',
        ['https://cognito-idp.ap-southeast-1.amazonaws.com/', { Ref: poolId }, '/.well-known/jwks.json'],
      ],
    };

    // Act
    const functions = resources(dev.appTemplate, 'AWS::Lambda::Function');

    // Assess
    expect(functions).toHaveLength(registry.httpGroups.length + registry.backgroundFunctions.length);
    for (const [, f] of functions) {
      const env = variables(f);
      if (f.Properties.FunctionName === 'lienhe-dev-pre-token-generation') {
        // The pool names the function; the function naming the pool would be a dependency cycle.
        expect(Object.keys(env).filter((k) => k.startsWith('JWT_'))).toEqual([]);
        continue;
      }
      expect(env).toMatchObject({ JWT_ISSUER: issuer, JWT_AUDIENCE: { Ref: clientId }, JWT_JWKS_URL: jwks });
    }
  });

  it('never gives a function the local HS256 secret, in any stage or identity provider', () => {
    for (const stage of [dev, prod, real, oidc]) {
      // Act
      const environments = resources(stage.appTemplate, 'AWS::Lambda::Function').map(([, f]) =>
        JSON.stringify(variables(f)),
      );

      // Assess
      expect(environments.length).toBeGreaterThan(0);
      for (const env of environments) {
        expect(env).not.toContain('JWT_SECRET');
        expect(env).not.toContain(LOCAL_JWT_SECRET);
      }
      expect(JSON.stringify(stage.appTemplate.toJSON())).not.toContain(LOCAL_JWT_SECRET);
    }
  });
});

describe('Trigger: pre-token generation', () => {
  it('is the V2 pre-token trigger of the pool, and only Cognito from this pool may invoke it', () => {
    for (const stage of [dev, real]) {
      // Prepare
      const prefix = stage === dev ? 'lienhe-dev' : 'lienhe-prod';
      const [fnId] = fn(stage.appTemplate, `${prefix}-pre-token-generation`);
      const [poolId, pool] = only(stage.appTemplate, 'AWS::Cognito::UserPool');

      // Act / Assess
      expect(pool.Properties.LambdaConfig).toEqual({
        PreTokenGenerationConfig: { LambdaArn: { 'Fn::GetAtt': [fnId, 'Arn'] }, LambdaVersion: 'V2_0' },
      });
      stage.appTemplate.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] },
        Principal: 'cognito-idp.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': [poolId, 'Arn'] },
      });
    }
  });

  it('reads the table and answers within the 5 seconds Cognito waits', () => {
    // Act
    const [, f] = fn(real.appTemplate, 'lienhe-prod-pre-token-generation');

    // Assess
    expect(preToken.grants).toEqual(['table:read']);
    expect(f.Properties.Timeout).toBe(5);
    expect(variables(f)).toHaveProperty('TABLE_NAME');
  });
});

describe('Grant: user-pool:admin', () => {
  it('allows the seven Admin* actions on this pool only, and tells the function the pool id', () => {
    // Prepare
    const [poolId] = only(dev.appTemplate, 'AWS::Cognito::UserPool');
    const [, f] = fn(dev.appTemplate, 'lienhe-dev-staff-admin');
    const roleId = (f.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

    // Act
    const statements = resources(dev.appTemplate, 'AWS::IAM::Policy')
      .filter(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Json[] }).Statement);
    const cognito = statements.filter((s) => JSON.stringify(s.Action).includes('cognito-idp'));

    // Assess
    expect(cognito).toEqual([
      {
        Sid: 'UserPoolAdmin',
        Effect: 'Allow',
        Action: [
          'cognito-idp:AdminCreateUser',
          'cognito-idp:AdminDeleteUser',
          'cognito-idp:AdminDisableUser',
          'cognito-idp:AdminEnableUser',
          'cognito-idp:AdminGetUser',
          'cognito-idp:AdminResetUserPassword',
          'cognito-idp:AdminUpdateUserAttributes',
        ],
        Resource: { 'Fn::GetAtt': [poolId, 'Arn'] },
      },
    ]);
    expect(variables(f).USER_POOL_ID).toEqual({ Ref: poolId });
    // No other function may touch the pool.
    const others = resources(dev.appTemplate, 'AWS::Lambda::Function').filter(
      ([, r]) => r.Properties.FunctionName !== 'lienhe-dev-staff-admin',
    );
    for (const [, other] of others) expect(variables(other)).not.toHaveProperty('USER_POOL_ID');
  });
});

describe('Stage: an OIDC provider instead of the pool', () => {
  it('creates no pool and no trigger, and checks the provider issuer and audience from the settings', () => {
    // Act
    const functions = resources(oidc.appTemplate, 'AWS::Lambda::Function');
    const [, authorizer] = only(oidc.appTemplate, 'AWS::ApiGatewayV2::Authorizer');

    // Assess
    oidc.appTemplate.resourceCountIs('AWS::Cognito::UserPool', 0);
    expect(functions.map(([, f]) => f.Properties.FunctionName)).not.toContain(
      'lienhe-prod-pre-token-generation',
    );
    expect(authorizer.Properties.JwtConfiguration).toEqual({
      Issuer: OIDC.issuer,
      Audience: [OIDC.audience],
    });
    for (const [, f] of functions) {
      expect(variables(f)).toMatchObject({
        JWT_ISSUER: OIDC.issuer,
        JWT_AUDIENCE: OIDC.audience,
        JWT_JWKS_URL: OIDC.jwksUrl,
      });
    }
    expect(Object.keys(oidc.appTemplate.toJSON().Parameters as Json)).toEqual(['BootstrapVersion']);
    oidc.appTemplate.hasOutput('JwtIssuer', { Value: OIDC.issuer });
    expect(Object.keys(oidc.appTemplate.toJSON().Outputs as Json)).not.toContain('UserPoolId');
  });
});
