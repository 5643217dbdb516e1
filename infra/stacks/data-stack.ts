// infra: the stateful stack — the single table and the events topic. Protected and retained: the functions
// around them (app-stack.ts) can be redeployed or destroyed freely without touching members' data.
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  type ITableV2,
  StreamViewType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { GSI, TABLE_ATTRIBUTES } from '../../shared/config/table.js';
import type { StageConfig } from '../config.js';
import { TableBackup } from '../constructs/backup.js';

export interface DataStackProps extends StackProps {
  stage: StageConfig;
}

export class DataStack extends Stack {
  /** The table the functions use: the one created here, or a restored one (`stage.restoredTable`). */
  readonly table: ITableV2;
  readonly topic: Topic;
  /** The events topic's key: publishers need kms:GenerateDataKey and kms:Decrypt on it. */
  readonly topicKey: Key;
  readonly backup: TableBackup;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, { ...props, terminationProtection: props.stage.terminationProtection });
    const { stage } = props;

    // After a restore, the restored table (made by the CLI, docs/operations.md) replaces this one in the
    // stacks; the created table leaves the template and, being retained, stays untouched in the account.
    this.table = stage.restoredTable
      ? TableV2.fromTableAttributes(this, 'RestoredTable', stage.restoredTable)
      : this.createTable();

    // A customer managed key for the topic: its use is granted to the publishing functions only (IAM,
    // kms:GenerateDataKey + kms:Decrypt on this key), and its policy can be extended if a subscriber that
    // needs it is added later (an SQS queue, a second account); the AWS managed alias/aws/sns key policy
    // can never be edited.
    this.topicKey = new Key(this, 'EventsTopicKey', {
      alias: `alias/${stage.prefix}-events`,
      description: `Encrypts the ${stage.prefix} domain events topic`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.topic = new Topic(this, 'EventsTopic', {
      displayName: `${stage.prefix} domain events`,
      masterKey: this.topicKey,
      enforceSSL: true,
    });
    this.topic.applyRemovalPolicy(RemovalPolicy.RETAIN);

    this.backup = new TableBackup(this, 'Backup', { stage, table: this.table });

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'BackupVaultName', { value: this.backup.vault.backupVaultName });
    new CfnOutput(this, 'BackupRoleArn', { value: this.backup.role.roleArn });
    new CfnOutput(this, 'EventsTopicArn', { value: this.topic.topicArn });
  }

  private createTable(): TableV2 {
    const str = (name: string) => ({ name, type: AttributeType.STRING });
    // Encryption: the AWS managed key (alias/aws/dynamodb), not a customer managed one. It is a KMS key in
    // this account whose every use is logged in CloudTrail, it costs no monthly key fee, and it cannot be
    // disabled or scheduled for deletion by mistake — with a customer key, that mistake makes the table and
    // every point-in-time backup unreadable. Access to the data is controlled by IAM on the table actions;
    // functions need no kms statements for it (the key policy allows use through DynamoDB in this account).
    return new TableV2(this, 'Table', {
      partitionKey: str(TABLE_ATTRIBUTES.pk),
      sortKey: str(TABLE_ATTRIBUTES.sk),
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: TABLE_ATTRIBUTES.ttl,
      // The outbox relay reads new outbox items from the stream; new images are all it needs.
      dynamoStream: StreamViewType.NEW_IMAGE,
      globalSecondaryIndexes: Object.values(GSI).map((index) => ({
        indexName: index.name,
        partitionKey: str(index.pk),
        sortKey: str(index.sk),
        // projectionType defaults to ALL: every access pattern reads whole items from the index.
      })),
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
