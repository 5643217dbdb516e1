// channel (Zalo): the webhook events we act on, parsed with zod into one typed event (verify the signature first: inbound.ts).
import * as z from 'zod';

/** Zalo sends its ids and timestamps as strings; a number is accepted too and kept as its digits. */
const idString = z.union([z.string().min(1), z.number().int().nonnegative()]).transform((v) => String(v));
const timestamp = z
  .union([z.string().regex(/^\d{1,16}$/), z.number().int().nonnegative()])
  .transform((v) => Number(v));

const followSchema = z.object({
  event_name: z.enum(['follow', 'unfollow']),
  app_id: idString,
  oa_id: idString.optional(),
  follower: z.object({ id: idString }),
  timestamp,
});

const userSendTextSchema = z.object({
  event_name: z.literal('user_send_text'),
  app_id: idString,
  sender: z.object({ id: idString }),
  recipient: z.object({ id: idString }),
  message: z.object({ text: z.string(), msg_id: z.string().min(1) }),
  timestamp,
});

/** Zalo sends sizes as strings in some payloads, numbers in others. */
const byteSize = z
  .union([z.string().regex(/^\d{1,12}$/), z.number().int().nonnegative()])
  .transform((v) => Number(v));

/**
 * A file sent to the OA: `message.attachments[]` of `type: 'file'` whose payload has the file's `url`,
 * `name`, `size` (bytes) and `checksum` (docs/zalo.md, facts). Other attachments (a photo sent alongside)
 * are left out; the first file is the one acted on.
 */
const userSendFileSchema = z.object({
  event_name: z.literal('user_send_file'),
  app_id: idString,
  sender: z.object({ id: idString }),
  recipient: z.object({ id: idString }),
  message: z.object({
    msg_id: z.string().min(1),
    attachments: z
      .array(
        z.object({
          type: z.string(),
          payload: z.object({
            url: z.string().min(1).max(2048),
            name: z.string().max(255).optional(),
            size: byteSize.optional(),
            checksum: z.string().max(128).optional(),
            type: z.string().max(64).optional(),
          }),
        }),
      )
      .min(1),
  }),
  timestamp,
});

/** Only the fields every event has, to tell an event we do not handle from a malformed one. */
const anyEventSchema = z.object({ event_name: z.string().min(1), app_id: idString, timestamp });

/** A Zalo webhook event as the channel sees it. `at` is epoch ms, as Zalo stamped the event. */
export type ZaloEvent =
  | { kind: 'follow' | 'unfollow'; appId: string; userId: string; at: number }
  | { kind: 'text'; appId: string; userId: string; msgId: string; text: string; at: number }
  /** A file the user sent: `url` is where Zalo keeps it (checked against Zalo's hosts before any fetch). */
  | {
      kind: 'file';
      appId: string;
      userId: string;
      msgId: string;
      file: { url: string; name?: string; size?: number; checksum?: string };
      at: number;
    }
  /** Events we receive but do not act on (user_send_image, user_received_message, …): acknowledged, ignored. */
  | { kind: 'ignored'; appId: string; eventName: string; at: number };

export type ZaloEventParse = { ok: true; event: ZaloEvent } | { ok: false; reason: 'malformed' };

export function parseZaloEvent(body: unknown): ZaloEventParse {
  const base = anyEventSchema.safeParse(body);
  if (!base.success) return { ok: false, reason: 'malformed' };
  const { event_name: eventName } = base.data;
  if (eventName === 'follow' || eventName === 'unfollow') {
    const parsed = followSchema.safeParse(body);
    if (!parsed.success) return { ok: false, reason: 'malformed' };
    const { app_id: appId, follower, timestamp: at } = parsed.data;
    return { ok: true, event: { kind: parsed.data.event_name, appId, userId: follower.id, at } };
  }
  if (eventName === 'user_send_text') {
    const parsed = userSendTextSchema.safeParse(body);
    if (!parsed.success) return { ok: false, reason: 'malformed' };
    const { app_id: appId, sender, message, timestamp: at } = parsed.data;
    return {
      ok: true,
      event: { kind: 'text', appId, userId: sender.id, msgId: message.msg_id, text: message.text, at },
    };
  }
  if (eventName === 'user_send_file') {
    const parsed = userSendFileSchema.safeParse(body);
    if (!parsed.success) return { ok: false, reason: 'malformed' };
    const { app_id: appId, sender, message, timestamp: at } = parsed.data;
    const attachment = message.attachments.find((a) => a.type === 'file');
    if (!attachment) return { ok: false, reason: 'malformed' };
    const { url, name, size, checksum } = attachment.payload;
    return {
      ok: true,
      event: {
        kind: 'file',
        appId,
        userId: sender.id,
        msgId: message.msg_id,
        file: {
          url,
          name,
          size,
          checksum,
        },
        at,
      },
    };
  }
  return {
    ok: true,
    event: { kind: 'ignored', appId: base.data.app_id, eventName, at: base.data.timestamp },
  };
}
