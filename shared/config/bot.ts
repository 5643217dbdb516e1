// config: the bot's settings from the environment (parsed once per cold start); secrets are only referenced here.
import * as z from 'zod';
import { fromEnv, parseSettings, type Sources } from './settings.js';
import { ENV } from './table.js';

const botConfigSchema = z.object({
  /** The bot's numeric id and username (botInfo without getMe); the id defaults to the token's prefix. */
  botId: z.coerce.number().int().positive().optional(),
  botUsername: z
    .string()
    .regex(/^[A-Za-z0-9_]{3,64}$/)
    .default('lienhe_noicutru_bot'),
  apiRoot: z.url().optional(),
  /** Local runs give the secrets directly; AWS gives the SecureString parameters holding them. */
  token: z.string().min(10).optional(),
  webhookSecret: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/)
    .optional(),
  tokenParameter: z.string().min(1).optional(),
  webhookSecretParameter: z.string().min(1).optional(),
  /** Absent locally: the invitation job then runs on an in-process queue. */
  invitationQueueUrl: z.url().optional(),
  throttle: z.object({
    globalPerSecond: z.coerce.number().positive().default(30),
    perChatPerSecond: z.coerce.number().positive().default(1),
  }),
  smsSenderId: z.string().min(1).max(11).optional(),
  /** True in AWS (or with SMS_VIA_SNS=true): SMS go through SNS; otherwise a recording fake keeps them. */
  smsViaSns: z.boolean(),
});

export type BotConfig = z.output<typeof botConfigSchema>;

/** The variable behind each field, so an error names what the operator sets. */
const SOURCES = {
  botId: ENV.botId,
  botUsername: ENV.botUsername,
  apiRoot: ENV.telegramApiRoot,
  token: ENV.botToken,
  webhookSecret: ENV.webhookSecret,
  tokenParameter: ENV.botTokenParameter,
  webhookSecretParameter: ENV.webhookSecretParameter,
  invitationQueueUrl: ENV.invitationQueueUrl,
  'throttle.globalPerSecond': ENV.telegramGlobalPerSecond,
  'throttle.perChatPerSecond': ENV.telegramPerChatPerSecond,
  smsSenderId: ENV.smsSenderId,
  smsViaSns: 'SMS_VIA_SNS',
} as const satisfies Sources;

export function loadBotConfig(env: NodeJS.ProcessEnv = process.env): BotConfig {
  const from = fromEnv(env, SOURCES);
  const smsViaSns = from('smsViaSns');
  if (smsViaSns !== undefined && smsViaSns !== 'true' && smsViaSns !== 'false') {
    throw new Error('The environment is not valid: SMS_VIA_SNS is true or false');
  }
  return parseSettings(botConfigSchema, SOURCES, {
    botId: from('botId'),
    botUsername: from('botUsername'),
    apiRoot: from('apiRoot'),
    token: from('token'),
    webhookSecret: from('webhookSecret'),
    tokenParameter: from('tokenParameter'),
    webhookSecretParameter: from('webhookSecretParameter'),
    invitationQueueUrl: from('invitationQueueUrl'),
    throttle: {
      globalPerSecond: from('throttle.globalPerSecond'),
      perChatPerSecond: from('throttle.perChatPerSecond'),
    },
    smsSenderId: from('smsSenderId'),
    // Set by the Lambda runtime: SMS then go through SNS (locally they are only recorded).
    smsViaSns: smsViaSns ? smsViaSns === 'true' : Boolean(env.AWS_LAMBDA_FUNCTION_NAME),
  });
}

/** The deep link that opens the bot with `/start <code>`. */
export function telegramDeepLink(botUsername: string, code: string): string {
  return `https://t.me/${botUsername}?start=${encodeURIComponent(code)}`;
}
