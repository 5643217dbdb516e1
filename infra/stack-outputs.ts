// infra: reading a deployed stage's stack outputs from the operator's scripts (npm run admin, infra/zalo.ts).
import { execFileSync } from 'node:child_process';

/** A stack output of the deployed stage, read with the operator's AWS CLI (no extra SDK package needed). */
export function stackOutput(stackName: string, key: string): string {
  const out = execFileSync(
    'aws',
    [
      'cloudformation',
      'describe-stacks',
      '--stack-name',
      stackName,
      '--query',
      `Stacks[0].Outputs[?OutputKey=='${key}'].OutputValue`,
      '--output',
      'text',
    ],
    { encoding: 'utf8' },
  ).trim();
  if (!out || out === 'None') throw new Error(`The stack ${stackName} has no output ${key}`);
  return out;
}
