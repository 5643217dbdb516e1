// infra: the schema of a stage's settings file (infra/stages/<stage>.ts) — everything a deploy needs, in the
// repository, validated at synthesis so a missing or malformed value stops it with one line naming the field.
import * as z from 'zod';
import devSettings from './stages/dev.js';
import prodSettings from './stages/prod.js';

/** CloudWatch Logs accepts only these retention periods (days). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https:// URL' });

export const identitySettingsSchema = z
  .discriminatedUnion('kind', [
    // The stack's own Amazon Cognito user pool (infra/constructs/identity.ts).
    z.object({ kind: z.literal('cognito') }).strict(),
    // An OpenID Connect provider the committee already runs: tokens carry iss, aud, sub, orgId and role.
    z
      .object({
        kind: z.literal('oidc'),
        issuer: httpsUrl,
        audience: z.string().min(1, 'must not be empty'),
        jwksUrl: httpsUrl,
      })
      .strict(),
  ])
  .default({ kind: 'cognito' });

export const stageSettingsSchema = z
  .object({
    /** The region the stage lives in (e.g. ap-southeast-1, Singapore: the closest to Vietnam). */
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as ap-southeast-1'),
    /** Optional: pins the account, so a deploy with another account's credentials fails instead. */
    account: z
      .string()
      .regex(/^\d{12}$/, 'must be a 12-digit AWS account id')
      .optional(),
    /** Subscribed to the alarm topic (AWS e-mails a confirmation link first). */
    alarmEmail: z.email('must be an e-mail address'),
    /** The bot's username from @BotFather, without "@": the deep links `t.me/<username>?start=<code>`. */
    botUsername: z
      .string()
      .regex(
        /^[A-Za-z][A-Za-z0-9_]{1,29}[Bb][Oo][Tt]$/,
        'must be a Telegram bot username (5–32 characters, ends in "bot")',
      ),
    identity: identitySettingsSchema,
    sms: z
      .object({
        /** The registered sender id (brand name) shown on the members' phones: 1–11 letters or digits. */
        senderId: z.string().regex(/^[A-Za-z0-9]{1,11}$/, 'must be 1–11 letters or digits'),
        /** The account's monthly SMS spend cap (SNS MonthlySpendLimit). */
        monthlySpendLimitUsd: z.number().int('must be whole dollars').positive('must be above 0'),
      })
      .strict(),
    /**
     * The ward's Zalo Official Account (issue 15, docs/deploy.md "Zalo"). Absent: a Telegram-only deployment,
     * nothing of Zalo is created. Its two secrets are SSM SecureStrings the operator creates (their names:
     * infra/config.ts `zaloParameterNames`), never values here.
     */
    zalo: z
      .object({
        /** The Official Account's id (OA id in the Zalo OA manager). */
        oaId: z.string().regex(/^\d{1,32}$/, 'must be the OA id (digits)'),
        /** The id of the Zalo app the OA is linked to (developers.zalo.me). */
        appId: z.string().regex(/^\d{1,32}$/, 'must be the Zalo app id (digits)'),
        /**
         * The OA's free proactive messages a month (messages outside a user's reply window): past it they are
         * paid, and the invitation job warns the staff before a round would pass it. Zalo reports 1,000 for a
         * verified OA; check the OA manager's package page.
         */
        proactiveFreePerMonth: z
          .number()
          .int('must be a whole number of messages')
          .nonnegative('must be 0 or more')
          .default(1000),
        /**
         * ZNS template ids, once Zalo approved them (docs/deploy.md "ZNS templates"): the non-follower path of
         * invitations and reminders, before SMS. A notice without a template id goes on to SMS.
         */
        znsTemplates: z
          .object({
            invitation: z.string().regex(/^\d{1,20}$/, 'must be a ZNS template id (digits)'),
            reminder: z.string().regex(/^\d{1,20}$/, 'must be a ZNS template id (digits)'),
          })
          .partial()
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    /** X-Ray active tracing on every function (costs per trace). */
    tracing: z.boolean(),
    /**
     * After a restore (docs/operations.md): the restored table the stacks use instead of the one the data
     * stack created, which is then left in place, retained, outside the stack.
     */
    restoredTable: z
      .object({
        tableName: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a DynamoDB table name'),
        tableStreamArn: z.string().startsWith('arn:aws:dynamodb:', 'must be the table stream ARN'),
      })
      .strict()
      .optional(),
    logRetentionDays: z.union(
      LOG_RETENTION_DAYS.map((days) => z.literal(days)),
      {
        error: `must be one of CloudWatch's retention periods: ${LOG_RETENTION_DAYS.join(', ')}`,
      },
    ),
  })
  .strict();

/** What a settings file holds (identity may be left out: it defaults to the stack's Cognito user pool). */
export type StageSettingsInput = z.input<typeof stageSettingsSchema>;
export type StageSettings = z.output<typeof stageSettingsSchema>;
export type IdentitySettings = StageSettings['identity'];
export type ZaloSettings = NonNullable<StageSettings['zalo']>;

/** Raised for a settings file that does not validate; its message is the one line the operator reads. */
export class StageSettingsError extends Error {
  override name = 'StageSettingsError';
}

/** The settings files, by stage (relative to the repository root, as the error names them). */
export const STAGE_SETTINGS_FILES = {
  dev: { file: 'infra/stages/dev.ts', settings: devSettings as unknown },
  prod: { file: 'infra/stages/prod.ts', settings: prodSettings as unknown },
} as const;

/** Validates one settings object; the error names the file and the first field at fault. */
export function parseStageSettings(file: string, raw: unknown): StageSettings {
  const result = stageSettingsSchema.safeParse(raw);
  if (result.success) return result.data;
  const [first, ...rest] = result.error.issues;
  const field = first?.path.length ? first.path.join('.') : '(the whole object)';
  const more = rest.length ? ` (and ${rest.length} more)` : '';
  throw new StageSettingsError(`${file}: ${field}: ${first?.message ?? 'invalid'}${more}`);
}

/** The validated settings of a stage, from its file. */
export function loadStageSettings(stage: keyof typeof STAGE_SETTINGS_FILES): StageSettings {
  const { file, settings } = STAGE_SETTINGS_FILES[stage];
  return parseStageSettings(file, settings);
}
