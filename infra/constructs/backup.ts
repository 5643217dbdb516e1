// infra: AWS Backup of the table (data stack) — daily and monthly recovery points in a vault of their own, on
// top of the table's 35-day point-in-time recovery; docs/operations.md is the restore runbook.
import { Duration, RemovalPolicy, TimeZone } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { StageConfig } from '../config.js';
import { acknowledge } from '../nag.js';

/** How long each kind of recovery point is kept (docs/operations.md, docs/deploy.md's cost estimate). */
export const BACKUP_RETENTION = {
  daily: Duration.days(35),
  monthly: Duration.days(365),
} as const;

export class TableBackup extends Construct {
  readonly vault: BackupVault;
  readonly plan: BackupPlan;
  /** The role AWS Backup uses to back up and to restore (the runbook passes it to start-restore-job). */
  readonly role: Role;

  constructor(scope: Construct, id: string, props: { stage: StageConfig; table: ITableV2 }) {
    super(scope, id);
    const { stage, table } = props;

    // Encrypted with AWS Backup's managed key (aws/backup), for the table's reason: no customer key whose
    // disabling would make every recovery point unreadable. Retained: a deleted stack keeps its backups.
    this.vault = new BackupVault(this, 'Vault', {
      backupVaultName: `${stage.prefix}-table`,
      removalPolicy: RemovalPolicy.RETAIN,
      // In prod nobody, not even an administrator, deletes a recovery point before its lifecycle does.
      blockRecoveryPointDeletion: stage.name === 'prod' || undefined,
    });

    this.plan = new BackupPlan(this, 'Plan', {
      backupPlanName: `${stage.prefix}-table`,
      backupVault: this.vault,
    });
    // 02:00 in Vietnam, when nobody is answering invitations; the monthly point on the 1st, half an hour later.
    this.plan.addRule(
      new BackupPlanRule({
        ruleName: 'daily',
        scheduleExpression: Schedule.cron({ hour: '2', minute: '0' }),
        scheduleExpressionTimezone: TimeZone.ASIA_HO_CHI_MINH,
        startWindow: Duration.hours(1),
        completionWindow: Duration.hours(4),
        deleteAfter: BACKUP_RETENTION.daily,
      }),
    );
    this.plan.addRule(
      new BackupPlanRule({
        ruleName: 'monthly',
        scheduleExpression: Schedule.cron({ day: '1', hour: '2', minute: '30' }),
        scheduleExpressionTimezone: TimeZone.ASIA_HO_CHI_MINH,
        startWindow: Duration.hours(1),
        completionWindow: Duration.hours(4),
        deleteAfter: BACKUP_RETENTION.monthly,
      }),
    );

    this.role = new Role(this, 'Role', {
      roleName: `${stage.prefix}-table-backup`,
      assumedBy: new ServicePrincipal('backup.amazonaws.com'),
      description: `AWS Backup: backs up and restores the ${stage.prefix} table`,
    });
    this.plan.addSelection('Table', {
      backupSelectionName: `${stage.prefix}-table`,
      resources: [BackupResource.fromDynamoDbTable(table)],
      role: this.role,
      allowRestores: true,
    });
    acknowledge(
      this.role,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      'The role only AWS Backup can assume, with the service role policy AWS maintains for it: the DynamoDB ' +
        'backup actions it needs change with the service (advanced backup features), and the plan selects ' +
        'this one table.',
    );
    acknowledge(
      this.role,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]',
      'Restores are started by the operator (docs/operations.md) and always create a new table; AWS Backup ' +
        'needs the service role policy AWS maintains for restores to write it.',
    );
  }
}
