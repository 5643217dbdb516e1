// config: the Zalo OA's settings from the environment (issue 15); secrets are only referenced here, read by functions/zalo-deps.ts.
import * as z from 'zod';
import { fromEnv, parseSettings, type Sources } from './settings.js';
import { ENV } from './table.js';

/** Zalo's reply window as issue 15 states it (docs/zalo.md notes that sources disagree: keep it a setting). */
export const DEFAULT_REPLY_WINDOW_HOURS = 48;
export const DEFAULT_FREE_REPLIES_PER_MESSAGE = 8;
/** A verified OA's free proactive messages a month (reported as 1,000; the stage settings say for sure). */
export const DEFAULT_PROACTIVE_FREE_PER_MONTH = 1000;

/**
 * Where the files users send to the OA are kept (the `url` of a `user_send_file` attachment): Zalo's own
 * file and media hosts, matched as the domain itself or a subdomain of it. Only `https:` URLs on these are
 * fetched (chat/channels/zalo/files.ts); a redirect must land on one of them too. Seen in public payload
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

/** How Zalo counts the OA's messages: free replies inside a user's window, proactive ones against a quota. */
const outboundSchema = z.object({
  /** How long after a user's message the OA may reply to it for free (ms; the variable gives hours). */
  replyWindowMs: z.coerce
    .number()
    .positive()
    .default(DEFAULT_REPLY_WINDOW_HOURS)
    .transform((hours) => hours * 3600_000),
  /** Free replies to one user message. */
  freeRepliesPerMessage: count(DEFAULT_FREE_REPLIES_PER_MESSAGE),
  /** Free proactive messages a calendar month (Asia/Ho_Chi_Minh); beyond it they are paid, not refused. */
  proactiveFreePerMonth: count(DEFAULT_PROACTIVE_FREE_PER_MONTH),
});
export type ZaloOutboundSettings = z.output<typeof outboundSchema>;

/** The notices that have a ZNS template (the non-follower path of invitations and reminders). */
const znsTemplatesSchema = z.object({ invitation: templateId.optional(), reminder: templateId.optional() });
export type ZnsTemplateIds = z.output<typeof znsTemplatesSchema>;

export const DEFAULT_OUTBOUND_SETTINGS: ZaloOutboundSettings = {
  replyWindowMs: DEFAULT_REPLY_WINDOW_HOURS * 3600_000,
  freeRepliesPerMessage: DEFAULT_FREE_REPLIES_PER_MESSAGE,
  proactiveFreePerMonth: DEFAULT_PROACTIVE_FREE_PER_MONTH,
};

const zaloConfigSchema = z.object({
  appId: z.string().regex(/^\d{1,32}$/),
  oaId: z.string().regex(/^\d{1,32}$/),
  apiBaseUrl: z.url().optional(),
  oauthBaseUrl: z.url().optional(),
  /** ZNS root (business.openapi.zalo.me by default; the emulator locally). */
  znsBaseUrl: z.url().optional(),
  /** Local runs give the secrets directly; AWS gives the SecureString parameters holding them. */
  appSecret: z.string().min(1).optional(),
  oaSecretKey: z.string().min(1).optional(),
  appSecretParameter: z.string().min(1).optional(),
  oaSecretKeyParameter: z.string().min(1).optional(),
  /** The approved ZNS templates; none means no ZNS path (every notice answers 'no_template'). */
  znsTemplates: znsTemplatesSchema.optional(),
  /** Reply window and proactive quota; the defaults above when not given. */
  outbound: outboundSchema.partial().optional(),
});

export type ZaloConfig = z.output<typeof zaloConfigSchema>;

/** The variable behind each field, so an error names what the operator sets. */
const SOURCES = {
  appId: ENV.zaloAppId,
  oaId: ENV.zaloOaId,
  apiBaseUrl: ENV.zaloApiRoot,
  oauthBaseUrl: ENV.zaloOauthRoot,
  znsBaseUrl: ENV.zaloZnsRoot,
  appSecret: ENV.zaloAppSecret,
  oaSecretKey: ENV.zaloOaSecretKey,
  appSecretParameter: ENV.zaloAppSecretParameter,
  oaSecretKeyParameter: ENV.zaloOaSecretKeyParameter,
  'znsTemplates.invitation': ENV.zaloZnsTemplateInvitation,
  'znsTemplates.reminder': ENV.zaloZnsTemplateReminder,
  'outbound.replyWindowMs': ENV.zaloReplyWindowHours,
  'outbound.freeRepliesPerMessage': ENV.zaloFreeRepliesPerMessage,
  'outbound.proactiveFreePerMonth': ENV.zaloProactiveFreePerMonth,
} as const satisfies Sources;

/** The Zalo OA of this deployment, or undefined when it has none (ZALO_APP_ID unset): Telegram only. */
export function loadZaloConfig(env: NodeJS.ProcessEnv = process.env): ZaloConfig | undefined {
  if (!env[ENV.zaloAppId]) return undefined;
  const from = fromEnv(env, SOURCES);
  // The outbound settings are parsed whole (their defaults filled in); a deployment's config always has them.
  const outbound = parseSettings(outboundSchema, SOURCES, {
    replyWindowMs: from('outbound.replyWindowMs'),
    freeRepliesPerMessage: from('outbound.freeRepliesPerMessage'),
    proactiveFreePerMonth: from('outbound.proactiveFreePerMonth'),
  });
  return {
    ...parseSettings(zaloConfigSchema, SOURCES, {
      appId: from('appId'),
      oaId: from('oaId'),
      apiBaseUrl: from('apiBaseUrl'),
      oauthBaseUrl: from('oauthBaseUrl'),
      znsBaseUrl: from('znsBaseUrl'),
      appSecret: from('appSecret'),
      oaSecretKey: from('oaSecretKey'),
      appSecretParameter: from('appSecretParameter'),
      oaSecretKeyParameter: from('oaSecretKeyParameter'),
      znsTemplates: { invitation: from('znsTemplates.invitation'), reminder: from('znsTemplates.reminder') },
    }),
    outbound,
  };
}
