// infra: `npm run synth|deploy|diff -- --stage dev|prod` (and `tsx infra/deploy.ts destroy …`) — checks the
// stage's settings file, then runs the CDK CLI with `-c stage=<stage>` and nothing else from the command
// line, so every deploy of a stage synthesises the same templates from the repository. After a deploy it
// applies the account's SMS settings (SNS has no CloudFormation resource for them).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SetSMSAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { STAGES, type StageName } from './config.js';
import { loadStageSettings, type StageSettings, StageSettingsError } from './settings.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const COMMANDS = ['synth', 'deploy', 'diff', 'destroy'] as const;
export type Command = (typeof COMMANDS)[number];

export interface Invocation {
  command: Command;
  stage: StageName;
  /** The CDK CLI's arguments after `cdk`. */
  cdkArgs: string[];
}

/** Reads `<command> [--stage dev|prod] [cdk options…]`; settings never come from here (`-c` is refused). */
export function parseInvocation(argv: readonly string[]): Invocation {
  const [command, ...rest] = argv;
  if (!COMMANDS.includes(command as Command)) {
    throw new StageSettingsError(`Usage: tsx infra/deploy.ts <${COMMANDS.join('|')}> [--stage dev|prod]`);
  }
  let stage: string = 'dev';
  const passThrough: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (arg === '--stage') {
      stage = rest[++i] ?? '';
    } else if (arg.startsWith('--stage=')) {
      stage = arg.slice('--stage='.length);
    } else if (arg === '-c' || arg === '--context' || arg.startsWith('--context=')) {
      throw new StageSettingsError(
        `${arg} is not accepted: deploy settings live in infra/stages/<stage>.ts (docs/deploy.md)`,
      );
    } else {
      passThrough.push(arg);
    }
  }
  if (!STAGES.includes(stage as StageName)) {
    throw new StageSettingsError(`Unknown stage "${stage}": use --stage dev or --stage prod`);
  }
  const base = ['-c', `stage=${stage}`];
  const cdkArgs =
    command === 'synth'
      ? ['synth', '--quiet', ...base, ...passThrough]
      : command === 'deploy'
        ? ['deploy', '--all', ...base, ...passThrough]
        : [command as 'diff' | 'destroy', ...base, ...passThrough];
  return { command: command as Command, stage: stage as StageName, cdkArgs };
}

/** The account-wide SMS attributes the stage's settings ask for (SNS SetSMSAttributes). */
export function smsAttributes(settings: StageSettings): Record<string, string> {
  return {
    DefaultSMSType: 'Transactional',
    DefaultSenderID: settings.sms.senderId,
    MonthlySpendLimit: String(settings.sms.monthlySpendLimitUsd),
  };
}

async function main(argv: readonly string[]): Promise<number> {
  const invocation = parseInvocation(argv);
  // Fails here, in one line, before the CLI starts (the app checks again when the CLI runs it).
  const settings = loadStageSettings(invocation.stage);
  const cdk = path.join(ROOT, 'node_modules', '.bin', 'cdk');
  const run = spawnSync(cdk, invocation.cdkArgs, { cwd: ROOT, stdio: 'inherit' });
  const status = run.status ?? 1;
  if (status !== 0 || invocation.command !== 'deploy') return status;
  try {
    await new SNSClient({ region: settings.region }).send(
      new SetSMSAttributesCommand({ attributes: smsAttributes(settings) }),
    );
    console.log(
      `SMS: sender id ${settings.sms.senderId}, monthly limit ${settings.sms.monthlySpendLimitUsd} USD`,
    );
  } catch (error) {
    // A limit above the account's approved SMS quota is refused by SNS: the stacks are deployed all the same.
    console.error(`SMS settings not applied: ${(error as Error).message} (docs/deploy.md, SMS)`);
    return 1;
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (status) => process.exit(status),
    (error: unknown) => {
      console.error(error instanceof StageSettingsError ? error.message : error);
      process.exit(1);
    },
  );
}
