// infra: the one Lambda construct every registry entry goes through — the shared esbuild settings, an
// explicit log group with retention, and a role that starts empty (grants.ts adds what the registry lists).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { type IRole, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  FONT_FILES as DOCUMENT_FONT_FILES,
  FONT_LICENCE_FILE,
  FONT_PACKAGE,
} from '../../shared/adapters/documents/fonts.js';
import { ENV } from '../../shared/config/table.js';
import { acknowledge } from '../nag.js';

/** The repository root: entries in the registry are relative to it. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const RUNTIME = Runtime.NODEJS_24_X;
export const ARCHITECTURE = Architecture.ARM_64;

/**
 * ESM output still meets CommonJS dependencies that call `require('fs')` etc.; esbuild turns those calls
 * into a shim that throws unless a real `require` exists, so the banner creates one. (esbuild renames any
 * bundled top-level `require` because this global is referenced, so the name cannot clash.)
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as lienheCreateRequire } from 'node:module'; const require = lienheCreateRequire(import.meta.url);";

/**
 * What a PDF-rendering function (`needsFonts`) finds beside its bundle, laid out as the package itself is,
 * so the code that resolves it from node_modules works unchanged in Lambda:
 * `node_modules/@expo-google-fonts/tinos/{package.json,LICENSE_FONT,<style>/Tinos_*.ttf}`: the Tinos faces
 * (Times New Roman's metrics, full Vietnamese, SIL OFL whose licence travels with them) that
 * shared/adapters/documents/fonts.ts finds by `REPORT_FONT_DIR` (which points at the package's folder), else
 * by `createRequire(import.meta.url).resolve('@expo-google-fonts/tinos/package.json')`. Our PDF writer needs
 * nothing else at runtime. Only the faces the loader knows are shipped (the bold italic is never drawn).
 */
export const FONT_FILES = Object.values(DOCUMENT_FONT_FILES);
export const FONTS_PACKAGE_DIR = `node_modules/${FONT_PACKAGE}`;
/** `REPORT_FONT_DIR` in Lambda (`/var/task` is LAMBDA_TASK_ROOT). */
export const LAMBDA_FONTS_DIR = `/var/task/${FONTS_PACKAGE_DIR}`;

/** Shell commands run after esbuild for `needsFonts` functions (see above). */
export function fontCopyCommands(inputDir: string, outputDir: string): string[] {
  const fonts = `${outputDir}/${FONTS_PACKAGE_DIR}`;
  const folders = [...new Set(FONT_FILES.map((file) => path.posix.dirname(file)))];
  return [
    ...folders.map((folder) => `mkdir -p "${fonts}/${folder}"`),
    ...['package.json', FONT_LICENCE_FILE, ...FONT_FILES].map(
      (file) => `cp "${inputDir}/${FONTS_PACKAGE_DIR}/${file}" "${fonts}/${file}"`,
    ),
  ];
}

/** The esbuild settings shared by every function (the bundle test builds through this construct). */
export const SHARED_BUNDLING = {
  format: OutputFormat.ESM,
  target: 'node24',
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  minify: true,
  // Minified class names would turn DomainError's `this.name = new.target.name` into one letter.
  keepNames: true,
  sourceMap: true,
  // Stack traces need file:line only; leaving the sources out keeps the .map small.
  sourcesContent: false,
  // Vietnamese strings stay UTF-8 (esbuild's default escapes each accented letter as \uXXXX).
  charset: Charset.UTF8,
  // The nodejs24.x runtime provides AWS SDK v3; bundling it would add ~350 KB to every function.
  externalModules: ['@aws-sdk/*'],
  esbuildArgs: {
    // grammY is given Node's fetch (chat/channels/telegram/client.ts): its node-fetch fallback (≈300 KiB
    // with whatwg-url and tr46) becomes the runtime's global. (The abort-controller polyfill is replaced for
    // the whole project by package.json's override: infra/bundling/abort-controller.)
    '--alias:node-fetch': path.join(PROJECT_ROOT, 'infra/bundling/native-fetch/node-fetch.js'),
  },
} as const satisfies BundlingOptions;

export function bundlingOptions(needsFonts: boolean): BundlingOptions {
  const shared: BundlingOptions = {
    ...SHARED_BUNDLING,
    mainFields: [...SHARED_BUNDLING.mainFields],
    externalModules: [...SHARED_BUNDLING.externalModules],
    esbuildArgs: { ...SHARED_BUNDLING.esbuildArgs },
  };
  if (!needsFonts) return shared;
  return {
    ...shared,
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: fontCopyCommands,
    },
  };
}

export interface AppFunctionProps {
  /** `lienhe-dev-<name>`: the function's name (max 64 characters). */
  functionName: string;
  /** Handler file relative to the repository root; it exports `handler`. */
  entry: string;
  description: string;
  memorySize: number;
  timeout: Duration;
  environment: Record<string, string>;
  logRetention: RetentionDays;
  logRemovalPolicy: RemovalPolicy;
  needsFonts?: boolean;
  tracing?: boolean;
  /** Dead-letter queue for failed asynchronous invocations (SNS and Scheduler triggers). */
  deadLetterQueue?: IQueue;
  /** The folder `entry` is relative to; defaults to the repository root. */
  projectRoot?: string;
}

export class AppFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: IRole;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    if (props.functionName.length > 64) {
      throw new Error(`Function name ${props.functionName} is longer than Lambda's 64 characters`);
    }
    const projectRoot = props.projectRoot ?? PROJECT_ROOT;

    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${props.functionName}`,
      retention: props.logRetention,
      removalPolicy: namedLogGroupRemovalPolicy(props.logRemovalPolicy),
    });

    // Our own role, not the default one: the default attaches the AWS managed AWSLambdaBasicExecutionRole
    // (logs on every log group in the account). This one may write to its own log group only.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.functionName}`,
    });
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'WriteOwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    this.role = role;

    const environment: Record<string, string> = {
      ...props.environment,
      NODE_OPTIONS: '--enable-source-maps',
      ...(props.needsFonts ? { [ENV.reportFontDir]: LAMBDA_FONTS_DIR } : {}),
    };

    this.fn = new NodejsFunction(this, 'Function', {
      functionName: props.functionName,
      description: props.description,
      entry: path.join(projectRoot, props.entry),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
      runtime: RUNTIME,
      architecture: ARCHITECTURE,
      memorySize: props.memorySize,
      timeout: props.timeout,
      environment,
      role,
      logGroup: this.logGroup,
      bundling: bundlingOptions(props.needsFonts ?? false),
      ...(props.tracing ? { tracing: Tracing.ACTIVE } : {}),
      ...(props.deadLetterQueue ? { deadLetterQueue: props.deadLetterQueue, retryAttempts: 2 } : {}),
    });

    acknowledge(
      this.fn,
      'AwsSolutions-L1',
      'nodejs24.x is the runtime the project targets and tests against (.nvmrc, the design card); cdk-nag ' +
        'may not know it as the latest yet. The runtime is one constant in infra/constructs/app-function.ts.',
    );
    if (props.tracing) {
      acknowledge(
        role,
        'AwsSolutions-IAM5[Resource::*]',
        'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions; CDK adds them ' +
          'on "*" when active tracing is on.',
      );
    }
  }
}

/**
 * A named log group kept with RETAIN outlives a failed first deploy, and the retry then fails on "already
 * exists". RETAIN_ON_UPDATE_OR_DELETE (CloudFormation's RetainExceptOnCreate) keeps it on update and stack
 * deletion but lets the rollback of its own creation remove it.
 */
export function namedLogGroupRemovalPolicy(policy: RemovalPolicy): RemovalPolicy {
  return policy === RemovalPolicy.RETAIN ? RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE : policy;
}

/** Default sizes per kind of trigger; one place, so the cost estimate in docs/deploy.md matches. */
export const FUNCTION_SIZING = {
  http: { memorySize: 512, timeout: Duration.seconds(10) },
  // The background queue also runs a members' CSV sent to the bot (5,000 rows in parts, under a 15-minute
  // lease, shared/services/import-job.ts): Lambda's longest timeout, so the lease outlives no worker.
  queue: { memorySize: 512, timeout: Duration.minutes(15) },
  'table-stream': { memorySize: 512, timeout: Duration.seconds(60) },
  topic: { memorySize: 512, timeout: Duration.seconds(60) },
  schedule: { memorySize: 1024, timeout: Duration.minutes(5) },
  // Cognito waits 5 seconds for a trigger, then refuses the sign-in.
  cognito: { memorySize: 512, timeout: Duration.seconds(5) },
} as const;
