// infra: cdk-nag v3 wiring. Rules run as a CDK policy-validation plugin at synthesis; a finding is silenced
// only by an acknowledgement on the construct (or an ancestor) that states why.
import { Validations } from 'aws-cdk-lib';
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
