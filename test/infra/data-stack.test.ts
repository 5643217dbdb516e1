// infra tests: the stateful stack — the table's protection, keys and indexes, the events topic.
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { GSI, TABLE_ATTRIBUTES } from '../../shared/config/table.js';
import { synthStage } from './support.js';

describe('Stack: DataStack', () => {
  const dev = synthStage({ stage: 'dev' });
  const prod = synthStage({ stage: 'prod' });

  describe('Resource counts', () => {
    it('holds one table, one topic with its policy, one key with its alias, and the backup, nothing else', () => {
      // Prepare
      const template = dev.dataTemplate;

      // Act
      const resources = Object.values(template.toJSON().Resources as Record<string, { Type: string }>);
      const types = resources.map((r) => r.Type).sort();

      // Assess
      expect(types).toEqual([
        // infra/constructs/backup.ts (test/infra/backup.test.ts)
        'AWS::Backup::BackupPlan',
        'AWS::Backup::BackupSelection',
        'AWS::Backup::BackupVault',
        'AWS::DynamoDB::GlobalTable',
        'AWS::IAM::Role',
        'AWS::KMS::Alias',
        'AWS::KMS::Key',
        'AWS::SNS::Topic',
        'AWS::SNS::TopicPolicy',
      ]);
    });
  });

  describe('Resource: table', () => {
    it('is on demand, with point-in-time recovery, deletion protection and KMS encryption', () => {
      // Prepare
      const template = dev.dataTemplate;

      // Act / Assess
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      });
    });

    it('uses the AWS managed key, so no customer key can be disabled and lock the data out', () => {
      // Prepare
      const table = Object.values(dev.dataTemplate.findResources('AWS::DynamoDB::GlobalTable'))[0] as {
        Properties: { SSESpecification: Record<string, unknown>; Replicas: Record<string, unknown>[] };
      };

      // Act
      const replica = table.Properties.Replicas[0] ?? {};

      // Assess
      expect(table.Properties.SSESpecification).not.toHaveProperty('KMSMasterKeyId');
      expect(replica).not.toHaveProperty('SSESpecification');
    });

    it('is retained when the stack or the resource is deleted, in both stages', () => {
      for (const stage of [dev, prod]) {
        // Act / Assess
        stage.dataTemplate.hasResource('AWS::DynamoDB::GlobalTable', {
          DeletionPolicy: 'Retain',
          UpdateReplacePolicy: 'Retain',
        });
      }
    });

    it('has the pk/sk key, the ttl attribute and a stream of new images', () => {
      // Act / Assess
      dev.dataTemplate.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        KeySchema: [
          { AttributeName: TABLE_ATTRIBUTES.pk, KeyType: 'HASH' },
          { AttributeName: TABLE_ATTRIBUTES.sk, KeyType: 'RANGE' },
        ],
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
        StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      });
    });

    it('has exactly the three overloaded indexes of shared/config/table.ts, each projecting all attributes', () => {
      // Prepare
      const table = Object.values(dev.dataTemplate.findResources('AWS::DynamoDB::GlobalTable'))[0] as {
        Properties: { GlobalSecondaryIndexes: unknown[]; AttributeDefinitions: unknown[] };
      };

      // Act
      const indexes = table.Properties.GlobalSecondaryIndexes;

      // Assess
      expect(indexes).toEqual(
        ['gsi1', 'gsi2', 'gsi3'].map((name) => ({
          IndexName: name,
          KeySchema: [
            { AttributeName: `${name}pk`, KeyType: 'HASH' },
            { AttributeName: `${name}sk`, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      );
      expect(Object.values(GSI).map((g) => g.name)).toEqual(['gsi1', 'gsi2', 'gsi3']);
      expect(table.Properties.AttributeDefinitions).toHaveLength(8);
    });
  });

  describe('Resource: events topic', () => {
    it('is encrypted with a rotating customer managed key that is retained', () => {
      // Prepare
      const keys = dev.dataTemplate.findResources('AWS::KMS::Key');
      const [keyId, key] = Object.entries(keys)[0] as [
        string,
        { DeletionPolicy: string; Properties: object },
      ];

      // Assess
      expect(key.Properties).toMatchObject({ EnableKeyRotation: true });
      expect(key.DeletionPolicy).toBe('Retain');
      dev.dataTemplate.hasResourceProperties('AWS::SNS::Topic', {
        KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
      });
      dev.dataTemplate.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/lienhe-dev-events' });
    });

    it('denies publishing without TLS', () => {
      // Act / Assess
      dev.dataTemplate.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 'sns:Publish',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    });

    it('is retained on stack deletion', () => {
      // Act / Assess
      dev.dataTemplate.hasResource('AWS::SNS::Topic', { DeletionPolicy: 'Retain' });
    });
  });

  describe('Stages', () => {
    it('protects the prod stack from termination, not the dev one', () => {
      // Assess
      expect(prod.data.terminationProtection).toBe(true);
      expect(dev.data.terminationProtection).toBe(false);
      expect(prod.data.stackName).toBe('LienHe-prod-Data');
      expect(dev.data.stackName).toBe('LienHe-dev-Data');
    });
  });
});
