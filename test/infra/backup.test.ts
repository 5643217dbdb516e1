// infra tests: the table's AWS Backup plan (daily 35 days, monthly 365 days) in its own retained vault, and the
// named log groups kept except when the deploy that created them rolls back.
import { RemovalPolicy } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { namedLogGroupRemovalPolicy } from '../../infra/constructs/app-function.js';
import { synthStage, TEST_ENV } from './support.js';

type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties: Json;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

const dev = synthStage({ stage: 'dev', env: TEST_ENV });
const prod = synthStage({ stage: 'prod', env: TEST_ENV });

function only(template: Template, type: string): [string, Resource] {
  const found = Object.entries(template.findResources(type)) as [string, Resource][];
  expect(found, type).toHaveLength(1);
  return found[0] as [string, Resource];
}

describe('Construct: TableBackup', () => {
  it('keeps a daily recovery point 35 days and a monthly one 365 days, at night in Vietnam, in its vault', () => {
    // Prepare
    const [vaultId] = only(prod.dataTemplate, 'AWS::Backup::BackupVault');

    // Act
    const [, plan] = only(prod.dataTemplate, 'AWS::Backup::BackupPlan');
    const rules = (plan.Properties.BackupPlan as { BackupPlanRule: Json[] }).BackupPlanRule;

    // Assess
    expect((plan.Properties.BackupPlan as Json).BackupPlanName).toBe('lienhe-prod-table');
    expect(rules).toHaveLength(2);
    expect(rules).toContainEqual(
      expect.objectContaining({
        RuleName: 'daily',
        ScheduleExpression: 'cron(0 2 * * ? *)',
        ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
        Lifecycle: { DeleteAfterDays: 35 },
        TargetBackupVault: { 'Fn::GetAtt': [vaultId, 'BackupVaultName'] },
      }),
    );
    expect(rules).toContainEqual(
      expect.objectContaining({
        RuleName: 'monthly',
        ScheduleExpression: 'cron(30 2 1 * ? *)',
        ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
        Lifecycle: { DeleteAfterDays: 365 },
        TargetBackupVault: { 'Fn::GetAtt': [vaultId, 'BackupVaultName'] },
      }),
    );
  });

  it('selects the table, with a role only AWS Backup assumes, allowed to back up and restore', () => {
    // Prepare
    const [tableId] = only(prod.dataTemplate, 'AWS::DynamoDB::GlobalTable');
    const [roleId, role] = only(prod.dataTemplate, 'AWS::IAM::Role');

    // Act
    const [, selection] = only(prod.dataTemplate, 'AWS::Backup::BackupSelection');

    // Assess
    expect(selection.Properties.BackupSelection).toEqual({
      SelectionName: 'lienhe-prod-table',
      IamRoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] },
      Resources: [{ 'Fn::GetAtt': [tableId, 'Arn'] }],
    });
    expect(role.Properties.AssumeRolePolicyDocument).toMatchObject({
      Statement: [
        { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' } },
      ],
    });
    expect(JSON.stringify(role.Properties.ManagedPolicyArns)).toContain(
      'AWSBackupServiceRolePolicyForBackup',
    );
    expect(JSON.stringify(role.Properties.ManagedPolicyArns)).toContain(
      'AWSBackupServiceRolePolicyForRestores',
    );
    prod.dataTemplate.hasOutput('BackupRoleArn', { Value: { 'Fn::GetAtt': [roleId, 'Arn'] } });
  });

  it('keeps its vault when the stack goes, and in prod no one may delete a recovery point early', () => {
    for (const stage of [dev, prod]) {
      // Act
      const [, vault] = only(stage.dataTemplate, 'AWS::Backup::BackupVault');

      // Assess
      expect(vault.DeletionPolicy).toBe('Retain');
      expect(vault.UpdateReplacePolicy).toBe('Retain');
      expect(vault.Properties.BackupVaultName).toBe(
        stage === prod ? 'lienhe-prod-table' : 'lienhe-dev-table',
      );
      // Encrypted with AWS Backup's managed key: no EncryptionKeyArn to disable by mistake.
      expect(vault.Properties).not.toHaveProperty('EncryptionKeyArn');
    }
    const [, prodVault] = only(prod.dataTemplate, 'AWS::Backup::BackupVault');
    const [, devVault] = only(dev.dataTemplate, 'AWS::Backup::BackupVault');
    expect(prodVault.Properties.AccessPolicy).toMatchObject({
      Statement: [
        {
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'],
        },
      ],
    });
    expect(devVault.Properties).not.toHaveProperty('AccessPolicy');
  });
});

describe('Stage: switched to a restored table', () => {
  it('uses the restored table everywhere and leaves the created one out of the template (it is retained)', () => {
    // Prepare
    const restored = {
      tableName: 'lienhe-prod-restored-20261030',
      tableStreamArn:
        'arn:aws:dynamodb:ap-southeast-1:123456789012:table/lienhe-prod-restored-20261030/stream/2026-10-30T08:00:00.000',
    };

    // Act
    const stage = synthStage({ stage: 'prod', env: TEST_ENV, settings: { restoredTable: restored } });
    const app = JSON.stringify(stage.appTemplate.toJSON());
    const [, selection] = only(stage.dataTemplate, 'AWS::Backup::BackupSelection');

    // Assess
    stage.dataTemplate.resourceCountIs('AWS::DynamoDB::GlobalTable', 0);
    expect(app).not.toContain('Fn::ImportValue":"LienHe-prod-Data:ExportsOutputRefTable');
    stage.appTemplate.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: restored.tableStreamArn,
    });
    for (const [, f] of Object.entries(stage.appTemplate.findResources('AWS::Lambda::Function'))) {
      const env = (f as Resource).Properties.Environment as { Variables: Json };
      if ('TABLE_NAME' in env.Variables) expect(env.Variables.TABLE_NAME).toBe(restored.tableName);
    }
    expect(JSON.stringify(selection.Properties.BackupSelection)).toContain(
      'table/lienhe-prod-restored-20261030',
    );
    stage.dataTemplate.hasOutput('TableName', { Value: restored.tableName });
  });
});

describe('Resource: named log groups', () => {
  it('are kept in prod except when their own creation rolls back, and removed with the dev stack', () => {
    for (const [stage, deletion, replace] of [
      [prod, 'RetainExceptOnCreate', 'Retain'],
      [dev, 'Delete', 'Delete'],
    ] as const) {
      // Act
      const named = Object.values(
        stage.appTemplate.findResources('AWS::Logs::LogGroup') as Record<string, Resource>,
      ).filter((g) => typeof g.Properties.LogGroupName === 'string');

      // Assess
      expect(named.length).toBeGreaterThan(0);
      for (const group of named) {
        expect(group.Properties.LogGroupName).toMatch(/^\/aws\/lambda\/lienhe-(dev|prod)-/);
        expect(group.DeletionPolicy).toBe(deletion);
        expect(group.UpdateReplacePolicy).toBe(replace);
      }
    }
    expect(namedLogGroupRemovalPolicy(RemovalPolicy.RETAIN)).toBe(RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE);
    expect(namedLogGroupRemovalPolicy(RemovalPolicy.DESTROY)).toBe(RemovalPolicy.DESTROY);
  });
});
