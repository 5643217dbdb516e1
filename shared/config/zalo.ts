// config: the Zalo OA's settings from the environment (issue 15); secrets are only referenced here, read by functions/zalo-deps.ts.
import * as z from 'zod';
import { ENV } from './table.js';

/** Zalo's reply window as issue 15 states it (docs/zalo.md notes that sources disagree: keep it a setting). */
export const DEFAULT_REPLY_WINDOW_HOURS = 48;
export const DEFAULT_FREE_REPLIES_PER_MESSAGE = 8;
/** A verified OA's free proactive messages a month (reported as 1,000; the stage settings say for sure). */
export const DEFAULT_PROACTIVE_FREE_PER_MONTH = 1000;

/**
 * Where the files users send to the OA are kept (the `url` of a `user_send_file` attachment): Zalo's own
 * file and media hosts, matched as the domain itself or a subdomain of it. Only `https:` URLs on these are
 * fetched (bot/channels/zalo/files.ts); a redirect must land on one of them too. Seen in public payload
 * examples and integrations, not on a Zalo page (docs/zalo.md, facts): widen it here if Zalo serves a file
 * from another of its domains.
 */
export const ZALO_FILE_HOST_SUFFIXES: readonly string[] = [
  'zdn.vn',
  'zadn.vn',
  'dlfl.vn',
  'flchat.vn',
  'dlmd.me',
  'zalo.me',
];

const templateId = z.string().regex(/^\d{1,20}$/);
const count = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);

const zaloEnvSchema = z.object({
  [ENV.zaloAppId]: z.string().regex(/^\d{1,32}$/),
  [ENV.zaloOaId]: z.string().regex(/^\d{1,32}$/),
  [ENV.zaloApiRoot]: z.url().optional(),
  [ENV.zaloOauthRoot]: z.url().optional(),
  [ENV.zaloZnsRoot]: z.url().optional(),
  [ENV.zaloAppSecret]: z.string().min(1).optional(),
  [ENV.zaloOaSecretKey]: z.string().min(1).optional(),
  [ENV.zaloAppSecretParameter]: z.string().min(1).optional(),
  [ENV.zaloOaSecretKeyParameter]: z.string().min(1).optional(),
  [ENV.zaloZnsTemplateInvitation]: templateId.optional(),
  [ENV.zaloZnsTemplateReminder]: templateId.optional(),
  [ENV.zaloProactiveFreePerMonth]: count(DEFAULT_PROACTIVE_FREE_PER_MONTH),
  [ENV.zaloReplyWindowHours]: z.coerce.number().positive().default(DEFAULT_REPLY_WINDOW_HOURS),
  [ENV.zaloFreeRepliesPerMessage]: count(DEFAULT_FREE_REPLIES_PER_MESSAGE),
});

/** The notices that have a ZNS template (the non-follower path of invitations and reminders). */
export interface ZnsTemplateIds {
  invitation?: string;
  reminder?: string;
}

/** How Zalo counts the OA's messages: free replies inside a user's window, proactive ones against a quota. */
export interface ZaloOutboundSettings {
  /** How long after a user's message the OA may reply to it for free (ms). */
  replyWindowMs: number;
  /** Free replies to one user message. */
  freeRepliesPerMessage: number;
  /** Free proactive messages a calendar month (Asia/Ho_Chi_Minh); beyond it they are paid, not refused. */
  proactiveFreePerMonth: number;
}

export const DEFAULT_OUTBOUND_SETTINGS: ZaloOutboundSettings = {
  replyWindowMs: DEFAULT_REPLY_WINDOW_HOURS * 3600_000,
  freeRepliesPerMessage: DEFAULT_FREE_REPLIES_PER_MESSAGE,
  proactiveFreePerMonth: DEFAULT_PROACTIVE_FREE_PER_MONTH,
};

export interface ZaloConfig {
  appId: string;
  oaId: string;
  apiBaseUrl?: string;
  oauthBaseUrl?: string;
  /** ZNS root (business.openapi.zalo.me by default; the emulator locally). */
  znsBaseUrl?: string;
  /** Local runs give the secrets directly; AWS gives the SecureString parameters holding them. */
  appSecret?: string;
  oaSecretKey?: string;
  appSecretParameter?: string;
  oaSecretKeyParameter?: string;
  /** The approved ZNS templates; none means no ZNS path (every notice answers 'no_template'). */
  znsTemplates?: ZnsTemplateIds;
  /** Reply window and proactive quota; the defaults above when not given. */
  outbound?: Partial<ZaloOutboundSettings>;
}

/** The Zalo OA of this deployment, or undefined when it has none (ZALO_APP_ID unset): Telegram only. */
export function loadZaloConfig(env: NodeJS.ProcessEnv = process.env): ZaloConfig | undefined {
  if (!env[ENV.zaloAppId]) return undefined;
  const p = zaloEnvSchema.parse(env);
  const optional = <K extends string>(key: K, value: string | undefined) =>
    (value === undefined ? {} : { [key]: value }) as Partial<Record<K, string>>;
  const znsTemplates: ZnsTemplateIds = {
    ...optional('invitation', p[ENV.zaloZnsTemplateInvitation]),
    ...optional('reminder', p[ENV.zaloZnsTemplateReminder]),
  };
  return {
    appId: p[ENV.zaloAppId],
    oaId: p[ENV.zaloOaId],
    ...optional('apiBaseUrl', p[ENV.zaloApiRoot]),
    ...optional('oauthBaseUrl', p[ENV.zaloOauthRoot]),
    ...optional('znsBaseUrl', p[ENV.zaloZnsRoot]),
    ...optional('appSecret', p[ENV.zaloAppSecret]),
    ...optional('oaSecretKey', p[ENV.zaloOaSecretKey]),
    ...optional('appSecretParameter', p[ENV.zaloAppSecretParameter]),
    ...optional('oaSecretKeyParameter', p[ENV.zaloOaSecretKeyParameter]),
    znsTemplates,
    outbound: {
      replyWindowMs: p[ENV.zaloReplyWindowHours] * 3600_000,
      freeRepliesPerMessage: p[ENV.zaloFreeRepliesPerMessage],
      proactiveFreePerMonth: p[ENV.zaloProactiveFreePerMonth],
    },
  };
}
