// infra tests: the Zalo OA on a stage (issue 15) — its webhook route and function, the ZALO_* environment and the
// SecureString grants of exactly the functions that send, its alarm; and nothing of Zalo on a Telegram-only stage.
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { zaloParameterNames } from '../../infra/config.js';
import { parseStageSettings } from '../../infra/settings.js';
import type { FunctionRegistry } from '../../infra/stacks/app-stack.js';
import { BACKGROUND_FUNCTIONS, HTTP_GROUPS, HTTP_ROUTES } from '../../shared/config/functions.js';
import { synthStage, TEST_SETTINGS } from './support.js';

type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties: Json;
}

const REAL_REGISTRY: FunctionRegistry = {
  httpGroups: HTTP_GROUPS,
  httpRoutes: HTTP_ROUTES,
  backgroundFunctions: BACKGROUND_FUNCTIONS,
};
const ZALO = { oaId: '3560000000000000001', appId: '1440000000000000001', proactiveFreePerMonth: 1000 };
const withZalo = synthStage({ registry: REAL_REGISTRY, settings: { zalo: ZALO } });
const ZNS_TEMPLATES = { invitation: '301234', reminder: '301235' };
const withZns = synthStage({
  registry: REAL_REGISTRY,
  settings: { zalo: { ...ZALO, proactiveFreePerMonth: 2000, znsTemplates: ZNS_TEMPLATES } },
});
const telegramOnly = synthStage({ registry: REAL_REGISTRY });

/** The functions that send notices (or answer a chat), written out here rather than read from the registry. */
const SENDERS = [
  'zalo-webhook',
  'telegram-webhook',
  'meeting-planning',
  'invitation-worker',
  'notifier',
  'job-worker',
  // Issue 18: a waiting link decided, an account unlinked, a deletion completed are told in the person's chats.
  'link-codes',
];

function resources(template: Template, type: string): [string, Resource][] {
  return Object.entries(template.findResources(type)) as [string, Resource][];
}

function fn(template: Template, name: string): [string, Resource] | undefined {
  return resources(template, 'AWS::Lambda::Function').find(
    ([, r]) => r.Properties.FunctionName === `lienhe-dev-${name}`,
  );
}

function envOf(template: Template, name: string): Record<string, string> {
  const found = fn(template, name);
  if (!found) throw new Error(`No function ${name}`);
  return (found[1].Properties.Environment as { Variables: Record<string, string> }).Variables;
}

function statementsOf(template: Template, name: string): Json[] {
  const found = fn(template, name);
  if (!found) throw new Error(`No function ${name}`);
  const roleId = (found[1].Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return resources(template, 'AWS::IAM::Policy')
    .filter(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Json[] }).Statement);
}

const join = (...parts: unknown[]) => ({ 'Fn::Join': ['', parts] });
const arn = (service: string, resource: string) =>
  join(
    'arn:',
    { Ref: 'AWS::Partition' },
    `:${service}:`,
    { Ref: 'AWS::Region' },
    ':',
    { Ref: 'AWS::AccountId' },
    resource,
  );

describe('Stack: App with a Zalo OA', () => {
  describe('Resource: the webhook', () => {
    it('routes POST /zalo/webhook without the JWT authorizer to its own function', () => {
      // Prepare
      const t = withZalo.appTemplate;
      const [fnId] = fn(t, 'zalo-webhook') ?? [];

      // Act
      const routes = resources(t, 'AWS::ApiGatewayV2::Route').filter(
        ([, r]) => r.Properties.RouteKey === 'POST /zalo/webhook',
      );
      const integration = resources(t, 'AWS::ApiGatewayV2::Integration').find(
        ([, i]) =>
          JSON.stringify(i.Properties.IntegrationUri) === JSON.stringify({ 'Fn::GetAtt': [fnId, 'Arn'] }),
      );

      // Assess
      expect(fnId).toBeDefined();
      expect(routes).toHaveLength(1);
      const [, route] = routes[0] as [string, Resource];
      expect(route.Properties.AuthorizationType).toBe('NONE');
      expect(route.Properties).not.toHaveProperty('AuthorizerId');
      expect(route.Properties.Target).toEqual(join('integrations/', { Ref: integration?.[0] }));
    });

    it('outputs the webhook URL to set in the Zalo console and the two parameter names', () => {
      // Act
      const outputs = withZalo.appTemplate.toJSON().Outputs as Record<string, { Value: unknown }>;

      // Assess
      expect(JSON.stringify(outputs.ZaloWebhookUrl?.Value)).toContain('/zalo/webhook');
      expect(outputs.ZaloAppSecretParameter?.Value).toBe('/lienhe-dev/zalo/app-secret');
      expect(outputs.ZaloOaSecretKeyParameter?.Value).toBe('/lienhe-dev/zalo/oa-secret-key');
    });
  });

  describe('Least privilege', () => {
    it.each(SENDERS)(
      'gives %s the ZALO_* environment: the ids and the parameter names, no secret',
      (name) => {
        // Act
        const env = envOf(withZalo.appTemplate, name);

        // Assess
        expect(env).toMatchObject({
          ZALO_APP_ID: ZALO.appId,
          ZALO_OA_ID: ZALO.oaId,
          ZALO_APP_SECRET_PARAMETER: '/lienhe-dev/zalo/app-secret',
          ZALO_OA_SECRET_KEY_PARAMETER: '/lienhe-dev/zalo/oa-secret-key',
          // The token pair is an item of the table, read and written there.
          TABLE_NAME: expect.anything(),
        });
        expect(env).not.toHaveProperty('ZALO_APP_SECRET');
        expect(env).not.toHaveProperty('ZALO_OA_SECRET_KEY');
      },
    );

    it.each(SENDERS)(
      'gives %s the month’s free proactive quota and the approved ZNS template ids of the stage settings',
      (name) => {
        // Act
        const configured = envOf(withZns.appTemplate, name);
        const defaults = envOf(withZalo.appTemplate, name);

        // Assess
        expect(configured).toMatchObject({
          ZALO_PROACTIVE_FREE_PER_MONTH: '2000',
          ZALO_ZNS_TEMPLATE_INVITATION: ZNS_TEMPLATES.invitation,
          ZALO_ZNS_TEMPLATE_REMINDER: ZNS_TEMPLATES.reminder,
        });
        expect(defaults).toMatchObject({ ZALO_PROACTIVE_FREE_PER_MONTH: '1000' });
        expect(defaults).not.toHaveProperty('ZALO_ZNS_TEMPLATE_INVITATION');
        expect(defaults).not.toHaveProperty('ZALO_ZNS_TEMPLATE_REMINDER');
      },
    );

    it.each(SENDERS)(
      'lets %s read the two Zalo SecureStrings, decrypt through SSM, and use the table',
      (name) => {
        // Act
        const statements = statementsOf(withZalo.appTemplate, name);
        const bySid = (sid: string) => statements.filter((s) => s.Sid === sid);

        // Assess
        expect(bySid('ZaloSecretsRead')).toEqual([
          {
            Sid: 'ZaloSecretsRead',
            Effect: 'Allow',
            Action: 'ssm:GetParameter',
            Resource: [
              arn('ssm', ':parameter/lienhe-dev/zalo/app-secret'),
              arn('ssm', ':parameter/lienhe-dev/zalo/oa-secret-key'),
            ],
          },
        ]);
        expect(bySid('ZaloSecretsDecrypt')).toEqual([
          {
            Sid: 'ZaloSecretsDecrypt',
            Effect: 'Allow',
            Action: 'kms:Decrypt',
            Resource: arn('kms', ':key/*'),
            Condition: {
              StringEquals: { 'kms:ViaService': join('ssm.', { Ref: 'AWS::Region' }, '.amazonaws.com') },
              'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/aws/ssm' },
            },
          },
        ]);
        expect(bySid('TableRead')).toHaveLength(1);
        expect(bySid('TableWrite')).toHaveLength(1);
      },
    );

    it('gives the Zalo webhook the Telegram webhook’s grants: the same features, plus the Zalo secrets', () => {
      // Act
      const sids = (name: string) =>
        statementsOf(withZalo.appTemplate, name)
          .map((s) => s.Sid)
          .filter((sid): sid is string => typeof sid === 'string')
          .sort();

      // Assess
      expect(sids('zalo-webhook')).toEqual(sids('telegram-webhook'));
      expect(sids('zalo-webhook')).toEqual(
        expect.arrayContaining([
          'BotSecretsDecrypt',
          'BotSecretsRead',
          'InvitationQueueSend',
          'TableRead',
          'TableWrite',
          'ZaloSecretsDecrypt',
          'ZaloSecretsRead',
        ]),
      );
      expect(sids('zalo-webhook').filter((sid) => sid.startsWith('Sms'))).toEqual([]);
    });

    it('gives no other function a Zalo secret or a ZALO_* variable', () => {
      // Prepare
      const others = resources(withZalo.appTemplate, 'AWS::Lambda::Function')
        .map(([, r]) => String(r.Properties.FunctionName).replace(/^lienhe-dev-/, ''))
        .filter((name) => !SENDERS.includes(name));

      // Act / Assess
      expect(others.length).toBeGreaterThan(5);
      for (const name of others) {
        expect(Object.keys(envOf(withZalo.appTemplate, name)).filter((k) => k.startsWith('ZALO_'))).toEqual(
          [],
        );
        expect(
          statementsOf(withZalo.appTemplate, name).filter((s) => String(s.Sid).startsWith('Zalo')),
        ).toEqual([]);
      }
    });
  });

  describe('Resource: alarm', () => {
    it('alarms on one failed OA token refresh in 5 minutes, to the alarm topic', () => {
      // Act
      const alarm = resources(withZalo.appTemplate, 'AWS::CloudWatch::Alarm').find(
        ([, r]) => r.Properties.AlarmName === 'lienhe-dev-zalo-token-refresh-failed',
      )?.[1];

      // Assess
      expect(alarm?.Properties).toMatchObject({
        MetricName: 'ZaloTokenRefreshFailed',
        Namespace: 'LienHe',
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
      expect(alarm?.Properties.AlarmActions).toHaveLength(1);
      const [, dashboard] = resources(withZalo.appTemplate, 'AWS::CloudWatch::Dashboard')[0] as [
        string,
        Resource,
      ];
      expect(JSON.stringify(dashboard.Properties.DashboardBody)).toContain('ZaloTokenRefreshFailed');
      expect(JSON.stringify(dashboard.Properties.DashboardBody)).toContain('ZaloProactiveOverQuota');
    });
  });
});

describe('Stack: App on a Telegram-only stage', () => {
  it('creates nothing of Zalo: no function, route, variable, statement, alarm or output', () => {
    // Prepare
    const t = telegramOnly.appTemplate;
    const text = JSON.stringify(t.toJSON());

    // Act / Assess
    expect(fn(t, 'zalo-webhook')).toBeUndefined();
    expect(resources(t, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey)).not.toContain(
      'POST /zalo/webhook',
    );
    expect(text).not.toMatch(
      /ZALO_|ZaloSecrets|zalo-token-refresh|ZaloTokenRefreshFailed|ZaloProactiveOverQuota|\/zalo\//,
    );
    expect(Object.keys(t.toJSON().Outputs as Json).filter((k) => k.startsWith('Zalo'))).toEqual([]);
  });

  it('is clean under cdk-nag either way', () => {
    for (const stage of [withZalo, telegramOnly]) {
      // Act
      const report = stage.nag.validateScope(stage.app);

      // Assess: no finding of any severity is left unacknowledged
      expect(
        report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath)}`),
      ).toEqual([]);
      expect(Annotations.fromStack(stage.appStack).findError('*', Match.anyValue())).toEqual([]);
      expect(Annotations.fromStack(stage.appStack).findWarning('*', Match.anyValue())).toEqual([]);
    }
  });
});

describe('Function: parseStageSettings (zalo)', () => {
  it('accepts an OA id, an app id and optional ZNS template ids; the secrets are parameter names', () => {
    // Act
    const settings = parseStageSettings('infra/stages/dev.ts', {
      ...TEST_SETTINGS,
      zalo: { ...ZALO, znsTemplates: { invitation: '301234' } },
    });

    // Assess
    expect(settings.zalo).toEqual({ ...ZALO, znsTemplates: { invitation: '301234' } });
    expect(zaloParameterNames('prod')).toEqual({
      appSecret: '/lienhe-prod/zalo/app-secret',
      oaSecretKey: '/lienhe-prod/zalo/oa-secret-key',
    });
  });

  it('counts 1,000 free proactive messages a month unless the stage says otherwise', () => {
    // Act
    const settings = parseStageSettings('infra/stages/dev.ts', {
      ...TEST_SETTINGS,
      zalo: { oaId: ZALO.oaId, appId: ZALO.appId },
    });

    // Assess
    expect(settings.zalo?.proactiveFreePerMonth).toBe(1000);
  });

  it.each([
    ['an OA id that is not digits', { oaId: 'my-oa', appId: ZALO.appId }, 'zalo.oaId'],
    ['a secret in the file', { ...ZALO, appSecret: 'x' }, 'zalo'],
    ['a fractional quota', { ...ZALO, proactiveFreePerMonth: 10.5 }, 'zalo.proactiveFreePerMonth'],
  ])('refuses %s, naming the field', (_, zalo, field) => {
    // Act / Assess
    expect(() => parseStageSettings('infra/stages/dev.ts', { ...TEST_SETTINGS, zalo })).toThrow(
      new RegExp(`^infra/stages/dev\\.ts: ${field.replace('.', '\\.')}:`),
    );
  });
});
