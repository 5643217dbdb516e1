// ports: conversation state that must survive between webhook invocations (Lambda keeps nothing): drafts and long button data.
import type { Channel } from './repositories.js';

/** A multi-step dialogue in progress for one chat user (a meeting being planned, a reason being typed). */
export interface ConversationDraft {
  channel: Channel;
  userId: string;
  kind: string;
  /** Changes with every new dialogue, so buttons of an abandoned one are recognised as stale. */
  nonce: string;
  data: Record<string, unknown>;
  updatedAt: string;
}

export interface DraftStore {
  get(channel: Channel, userId: string): Promise<ConversationDraft | undefined>;
  /** Replaces the user's draft; it expires after `ttlSeconds`. */
  put(draft: ConversationDraft, ttlSeconds: number): Promise<void>;
  delete(channel: Channel, userId: string): Promise<void>;
}

/** Button data longer than a channel allows (Telegram: 64 bytes) is kept here under a short token. */
export interface CallbackDataStore {
  put(token: string, data: string, ttlSeconds: number): Promise<void>;
  get(token: string): Promise<string | undefined>;
}
