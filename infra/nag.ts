// infra: cdk-nag v3 wiring. Rules run as a CDK policy-validation plugin at synthesis; a finding is silenced
// only by an acknowledgement on the construct (or an ancestor) that states why.
import { Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** Registers the AwsSolutions pack on the app: synthesis then fails on any unacknowledged error. */
export function addNagChecks(app: IConstruct): AwsSolutionsChecks {
  const checks = new AwsSolutionsChecks(app, { verbose: true });
  Validations.of(app).addPlugins(checks);
  return checks;
}

/**
 * Acknowledges one cdk-nag finding (`AwsSolutions-IAM5[Resource::*]` for a single finding) on `scope` and
 * everything under it. The reason is required and shows in the validation report.
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  if (reason.trim().length < 20) throw new Error(`Acknowledging ${id} needs a real reason`);
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * The text cdk-nag prints for a policy resource, e.g. `arn:<AWS::Partition>:kms:<AWS::Region>:<AWS::AccountId>:key/*`
 * in an environment-agnostic stack and `arn:<AWS::Partition>:kms:ap-southeast-1:123456789012:key/*` in one
 * with a concrete account and region. Built from the value itself (cdk-nag v3 matches acknowledgements
 * exactly, with no pattern), so one acknowledgement fits both kinds of synthesis.
 */
export function nagResource(scope: IConstruct, value: string): string {
  const visit = (node: unknown): string => {
    if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (Array.isArray(o['Fn::Join'])) {
        const [delimiter, items] = o['Fn::Join'] as [string, unknown[]];
        return items.map(visit).join(delimiter);
      }
      if ('Ref' in o) return `<${visit(o.Ref)}>`;
    }
    throw new Error(`nagResource: cannot flatten ${JSON.stringify(node)}`);
  };
  return visit(Stack.of(scope).resolve(value));
}
