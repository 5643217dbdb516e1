// infra tests: cdk-nag v3 AwsSolutions — zero unacknowledged findings, and every acknowledgement has a reason.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, describe, expect, it } from 'vitest';
import { acknowledge } from '../../infra/nag.js';
import { BACKGROUND_FUNCTIONS, HTTP_GROUPS, HTTP_ROUTES } from '../../shared/config/functions.js';
import { CONCRETE_ENV, type SynthesizedStage, synthStage, TEST_ENV } from './support.js';

const SYNTH_TIMEOUT_MS = 180_000;

const REAL_REGISTRY = {
  httpGroups: HTTP_GROUPS,
  httpRoutes: HTTP_ROUTES,
  backgroundFunctions: BACKGROUND_FUNCTIONS,
};

/** Every acknowledged rule id in the tree, with its reason and where it was made. */
function acknowledgements(root: IConstruct): { id: string; reason: string; path: string }[] {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
          id: id.replace(/^annotation::/i, ''),
          reason,
          path: c.node.path,
        })),
      ),
  );
}

function expectClean(stage: SynthesizedStage): void {
  // Act
  const report = stage.nag.validateScope(stage.app);

  // Assess: no finding of any severity is left unacknowledged
  expect(
    report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath)}`),
  ).toEqual([]);
  expect(report.success).toBe(true);
  for (const stack of [stage.data, stage.appStack]) {
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  }
}

describe('Rules: cdk-nag AwsSolutions', () => {
  const outdirs: string[] = [];
  afterAll(() => {
    for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
  });

  it('finds nothing unacknowledged in the dev stage', () => {
    expectClean(synthStage({ stage: 'dev' }));
  });

  it('finds nothing unacknowledged in the prod stage, with tracing and an alarm e-mail', () => {
    expectClean(synthStage({ stage: 'prod', settings: { tracing: true } }));
  });

  it('finds nothing unacknowledged with the registry the real app deploys', () => {
    expectClean(synthStage({ registry: REAL_REGISTRY }));
  });

  it('finds nothing unacknowledged in a prod stage synthesised for a concrete account and region', () => {
    expectClean(
      synthStage({
        stage: 'prod',
        env: TEST_ENV,
        registry: REAL_REGISTRY,
      }),
    );
  });

  it('finds nothing unacknowledged in a stage signing in through another OIDC provider', () => {
    expectClean(
      synthStage({
        stage: 'prod',
        env: TEST_ENV,
        settings: {
          identity: {
            kind: 'oidc',
            issuer: 'https://id.example.org/realms/lienhe',
            audience: 'lienhe-api',
            jwksUrl: 'https://id.example.org/realms/lienhe/protocol/openid-connect/certs',
          },
        },
      }),
    );
  });

  it('finds nothing unacknowledged with an empty registry', () => {
    expectClean(synthStage({ registry: { httpGroups: [], httpRoutes: [], backgroundFunctions: [] } }));
  });

  // `npm run synth` has a concrete account and region (credentials, settings file): findings then name them,
  // and an acknowledgement written for the agnostic form (<AWS::Region>) would not match (issue 13, item 1).
  it.each(['dev', 'prod'] as const)(
    'synthesises the real %s stage in a concrete account and region with no cdk-nag error',
    (name) => {
      // Prepare
      const outdir = mkdtempSync(path.join(tmpdir(), 'lienhe-synth-'));
      outdirs.push(outdir);
      const stage = synthStage({ stage: name, registry: REAL_REGISTRY, env: CONCRETE_ENV, outdir });

      // Act: the plugins run as in `cdk synth` (a violation throws here)
      const assembly = stage.app.synth();
      const report = JSON.parse(
        readFileSync(path.join(assembly.directory, 'validation-report.json'), 'utf8'),
      ) as { pluginReports: { violations?: unknown[] }[] };

      // Assess
      expect(report.pluginReports.flatMap((r) => r.violations ?? [])).toEqual([]);
      expectClean(stage);
      for (const stack of [stage.data, stage.appStack]) {
        expect(stack.region).toBe('ap-southeast-1');
        expect(
          Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
        ).toEqual([]);
      }
      expect(acknowledgements(stage.app).map((a) => a.id)).toContain(
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:kms:ap-southeast-1:123456789012:key/*]',
      );
    },
    // A whole synthesis of the real registry: seconds alone, more on a shared machine.
    SYNTH_TIMEOUT_MS,
  );

  it(
    'synthesises with the plugins and CloudFormation validation on, and the report lists no violation',
    () => {
      // Prepare
      const outdir = mkdtempSync(path.join(tmpdir(), 'lienhe-synth-'));
      outdirs.push(outdir);
      const stage = synthStage({ stage: 'prod', outdir, cfnValidation: true });

      // Act
      const assembly = stage.app.synth();
      const report = JSON.parse(
        readFileSync(path.join(assembly.directory, 'validation-report.json'), 'utf8'),
      ) as {
        pluginReports: { violations?: unknown[]; summary?: { status?: string } }[];
      };

      // Assess
      expect(report.pluginReports.flatMap((r) => r.violations ?? [])).toEqual([]);
    },
    SYNTH_TIMEOUT_MS,
  );

  it('states a reason for every acknowledgement, and acknowledges only the expected rules', () => {
    // Prepare: as the committed settings deploy it, with the stack's own user pool
    const stage = synthStage({ stage: 'dev', settings: { identity: { kind: 'cognito' } } });

    // Act
    const acks = acknowledgements(stage.app);
    const ids = [...new Set(acks.map((a) => a.id))].sort();

    // Assess
    for (const ack of acks) expect(ack.reason.length, `${ack.id} at ${ack.path}`).toBeGreaterThan(40);
    expect(ids).toEqual([
      'AwsSolutions-APIG4',
      // The staff user pool: MFA optional, Essentials plan (infra/constructs/identity.ts says why)
      'AwsSolutions-COG2',
      'AwsSolutions-COG8',
      // The backup role: AWS Backup's own service role policies (infra/constructs/backup.ts says why)
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:kms:<AWS::Region>:<AWS::AccountId>:key/*]',
      'AwsSolutions-L1',
      'AwsSolutions-SQS3',
    ]);
    // The SMS wildcard only where sms:publish is granted; APIG4 only on the unauthenticated route.
    expect(acks.filter((a) => a.id === 'AwsSolutions-IAM5[Resource::*]').map((a) => a.path)).toEqual([
      'LienHe-dev-App/Notifier/Role',
    ]);
    expect(acks.filter((a) => a.id === 'AwsSolutions-APIG4').map((a) => a.path)).toEqual([
      'LienHe-dev-App/HttpApi/POST--telegram--webhook',
    ]);
  });

  it('does report a finding that nobody acknowledged (the check can fail)', () => {
    // Prepare
    const app = new App();
    const stack = new Stack(app, 'Bare');
    const plain = new Queue(stack, 'Plain', { enforceSSL: false });
    const checks = new AwsSolutionsChecks(app);

    // Act
    const before = checks.validateScope(app).violations.map((v) => v.ruleName);
    acknowledge(
      plain,
      'AwsSolutions-SQS4',
      'A test queue: this acknowledgement proves suppressions are honoured.',
    );
    const after = checks.validateScope(app).violations.map((v) => v.ruleName);

    // Assess
    expect(before).toContain('AwsSolutions-SQS4');
    expect(after).not.toContain('AwsSolutions-SQS4');
    expect(after).toContain('AwsSolutions-SQS3');
    expect(() => acknowledge(plain, 'AwsSolutions-SQS3', 'because')).toThrow(/real reason/);
  });
});
