// ports: the Zalo OA's rotating token pair, stored once for every Lambda container (adapter: shared/adapters/dynamodb/zalo-token-store.ts).

/** What Zalo hands out on each refresh: a new access token (25 h) and a new refresh token (works once, 3 months). */
export interface ZaloTokenPair {
  accessToken: string;
  refreshToken: string;
  /** ISO instant after which Zalo answers -216 to this access token. */
  accessExpiresAt: string;
}

export interface StoredZaloTokens extends ZaloTokenPair {
  /** +1 on every refresh: the condition that lets only one container store the pair it got. */
  version: number;
  refreshedAt: string;
  /** The container refreshing right now, and until when its claim holds (ISO). */
  leaseOwner?: string;
  leaseUntil?: string;
}

export interface ZaloTokenStore {
  /** The current pair, read strongly consistent (a container must see a refresh made by another at once). */
  read(): Promise<StoredZaloTokens | undefined>;
  /**
   * Puts a pair obtained outside the refresh (the OA authorised in the Zalo console, first or again after a dead
   * refresh token): the next version, whatever was there.
   */
  install(pair: ZaloTokenPair, now: Date): Promise<StoredZaloTokens>;
  /**
   * Claims the right to spend the refresh token of `version`: true for exactly one caller while the claim
   * holds (until `until`); false when the version moved on or another container holds a live claim.
   */
  claimRefresh(version: number, owner: string, until: Date, now: Date): Promise<boolean>;
  /** Stores the pair a refresh of `expectedVersion` gave, as version + 1; false if that version is gone. */
  saveRefreshed(pair: ZaloTokenPair, expectedVersion: number, now: Date): Promise<boolean>;
  /** Gives the claim back (the refresh failed before Zalo answered) so another container may try. */
  releaseRefresh(version: number, owner: string): Promise<void>;
}

/** A user's last message to the OA, as the reply window counts it (no text: the ids and the time only). */
export interface ZaloLastInbound {
  /** `msg_id` of the user's message: quoting it is what makes an OA message a free reply. */
  msgId: string;
  /** When the user sent it (ISO, Zalo's timestamp of the event). */
  at: string;
  /** OA messages already sent quoting it. */
  replies: number;
}

/**
 * What decides and counts the OA's messages (adapter: shared/adapters/dynamodb/zalo-outbound-store.ts): each
 * user's last message with the replies already spent on it, and the month's proactive messages.
 */
export interface ZaloOutboundStore {
  /**
   * Records the user's message as their last one, with the replies the bot's answer already used; an older or
   * repeated event (a retry, a replay) changes nothing. One conditional write.
   */
  recordInbound(userId: string, inbound: ZaloLastInbound, expiresAt: Date): Promise<void>;
  /**
   * Takes one free reply to the user's last message, if it was sent at `since` or later and fewer than `free`
   * replies went to it: the msg_id to quote, or undefined (the message goes proactive). Atomic: concurrent
   * callers never take more than `free` between them.
   */
  takeReply(userId: string, since: Date, free: number): Promise<string | undefined>;
  lastInbound(userId: string): Promise<ZaloLastInbound | undefined>;
  /** Adds one proactive message to the month (`YYYY-MM`, Asia/Ho_Chi_Minh) and answers the month's total. */
  countProactive(month: string): Promise<number>;
  /** The month's proactive messages so far (0 for a month with none). */
  proactiveCount(month: string): Promise<number>;
}
