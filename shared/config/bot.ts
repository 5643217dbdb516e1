// config: the bot's settings from the environment (parsed once per cold start); secrets are only referenced here.
import * as z from 'zod';
import { ENV } from './table.js';

const botEnvSchema = z.object({
  [ENV.botId]: z.coerce.number().int().positive().optional(),
  [ENV.botUsername]: z
    .string()
    .regex(/^[A-Za-z0-9_]{3,64}$/)
    .optional(),
  [ENV.telegramApiRoot]: z.url().optional(),
  [ENV.botToken]: z.string().min(10).optional(),
  [ENV.webhookSecret]: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/)
    .optional(),
  [ENV.botTokenParameter]: z.string().min(1).optional(),
  [ENV.webhookSecretParameter]: z.string().min(1).optional(),
  [ENV.invitationQueueUrl]: z.url().optional(),
  [ENV.telegramGlobalPerSecond]: z.coerce.number().positive().default(30),
  [ENV.telegramPerChatPerSecond]: z.coerce.number().positive().default(1),
  [ENV.smsSenderId]: z.string().min(1).max(11).optional(),
  /** Set by the Lambda runtime: SMS then go through SNS (locally they are only recorded). */
  AWS_LAMBDA_FUNCTION_NAME: z.string().optional(),
  SMS_VIA_SNS: z.enum(['true', 'false']).optional(),
});

export interface BotConfig {
  /** The bot's numeric id and username (botInfo without getMe); the id defaults to the token's prefix. */
  botId?: number;
  botUsername: string;
  apiRoot?: string;
  /** Local runs give the secrets directly; AWS gives the SecureString parameters holding them. */
  token?: string;
  webhookSecret?: string;
  tokenParameter?: string;
  webhookSecretParameter?: string;
  /** Absent locally: the invitation job then runs on an in-process queue. */
  invitationQueueUrl?: string;
  throttle: { globalPerSecond: number; perChatPerSecond: number };
  smsSenderId?: string;
  /** True in AWS (or with SMS_VIA_SNS=true): SMS go through SNS; otherwise a recording fake keeps them. */
  smsViaSns: boolean;
}

export function loadBotConfig(env: NodeJS.ProcessEnv = process.env): BotConfig {
  const p = botEnvSchema.parse(env);
  const optional = <K extends string, V>(key: K, value: V | undefined) =>
    (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
  return {
    ...optional('botId', p[ENV.botId]),
    botUsername: p[ENV.botUsername] ?? 'lienhe_noicutru_bot',
    ...optional('apiRoot', p[ENV.telegramApiRoot]),
    ...optional('token', p[ENV.botToken]),
    ...optional('webhookSecret', p[ENV.webhookSecret]),
    ...optional('tokenParameter', p[ENV.botTokenParameter]),
    ...optional('webhookSecretParameter', p[ENV.webhookSecretParameter]),
    ...optional('invitationQueueUrl', p[ENV.invitationQueueUrl]),
    throttle: {
      globalPerSecond: p[ENV.telegramGlobalPerSecond],
      perChatPerSecond: p[ENV.telegramPerChatPerSecond],
    },
    ...optional('smsSenderId', p[ENV.smsSenderId]),
    smsViaSns: p.SMS_VIA_SNS ? p.SMS_VIA_SNS === 'true' : Boolean(p.AWS_LAMBDA_FUNCTION_NAME),
  };
}

/** The deep link that opens the bot with `/start <code>`. */
export function telegramDeepLink(botUsername: string, code: string): string {
  return `https://t.me/${botUsername}?start=${encodeURIComponent(code)}`;
}
