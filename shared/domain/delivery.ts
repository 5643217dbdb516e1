// domain: which way a notice reaches a person — their chats in the order they chose, then their phone (ZNS, then SMS).

/** Every path a notice can take, in the order they are tried after the chats' own order. */
export const DELIVERY_PATHS = ['telegram', 'zalo', 'zns', 'sms'] as const;
export type DeliveryPath = (typeof DELIVERY_PATHS)[number];

/** How many notices each path carried (a round of invitations, a reminder run). */
export type PathCounts = Partial<Record<DeliveryPath, number>>;

/** What ordering needs of a chat link. */
export interface OrderableChat {
  blocked?: boolean;
  linkedAt: string;
  /** The last time the person wrote or pressed a button in this chat (kept to the hour). */
  lastActiveAt?: string;
}

/**
 * How long a chat's activity stamp may lag: the bot writes it at most once an hour per chat, which is
 * enough to know which of two channels a person uses now and costs one write an hour, not one a message.
 */
export const ACTIVITY_STAMP_INTERVAL_MS = 60 * 60 * 1000;

/** Whether a chat's activity stamp is old enough to be written again at `now`. */
export function activityStampDue(chat: Pick<OrderableChat, 'lastActiveAt'>, now: Date): boolean {
  if (!chat.lastActiveAt) return true;
  return now.getTime() - new Date(chat.lastActiveAt).getTime() >= ACTIVITY_STAMP_INTERVAL_MS;
}

/**
 * The chats a notice may go to, in the order to try them: the channel the person chose last first (the one
 * they were active in most recently, else the one linked most recently), then the other. Blocked chats are
 * left out: the person left that chat, and the next path is tried instead.
 */
export function deliveryOrder<C extends OrderableChat>(chats: readonly C[]): C[] {
  const chosenAt = (c: C) => c.lastActiveAt ?? c.linkedAt;
  return chats
    .filter((c) => !c.blocked)
    .sort((a, b) => (chosenAt(a) < chosenAt(b) ? 1 : chosenAt(a) > chosenAt(b) ? -1 : 0));
}

/** Adds one notice carried by `path` (pure: returns new counts). */
export function countPath(counts: PathCounts, path: DeliveryPath): PathCounts {
  return { ...counts, [path]: (counts[path] ?? 0) + 1 };
}

/** The counts as flat numeric fields (`viaTelegram: 3`), for a log line or a job's summary. */
export function pathFields(counts: PathCounts): Record<string, number> {
  const fields: Record<string, number> = {};
  for (const path of DELIVERY_PATHS) {
    const n = counts[path];
    if (n) fields[`via${path.charAt(0).toUpperCase()}${path.slice(1)}`] = n;
  }
  return fields;
}
