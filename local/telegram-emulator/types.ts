// The Telegram emulator's answer shapes: a Bot API response, what became of a simulated update, and a chat as the
// control API and the chat page read it. Apart from the server so its modules and the chat page share them.
import type { Update } from 'grammy/types';
import type { Params } from './body.js';
import type { CallbackQueryRecord, ChatActionRecord, ConversationMessage, SimulatedUser } from './state.js';

export type ApiResponse =
  | { ok: true; result: unknown; description?: string }
  | { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } };

/** What became of a simulated update: POSTed to the webhook (with the HTTP status) or queued for getUpdates. */
export interface Delivery {
  update: Update;
  via: 'webhook' | 'getUpdates';
  /** HTTP status the webhook answered with. */
  status?: number;
  /** Why the webhook POST failed (connection refused, timeout) or was skipped. */
  error?: string;
}

export interface ChatView {
  chatId: number;
  /** Pass it back as `since` to get only later changes. */
  seq: number;
  user?: SimulatedUser;
  messages: ConversationMessage[];
  callbackQueries: CallbackQueryRecord[];
  actions: ChatActionRecord[];
}

/** Runs one Bot API method as if it came over HTTP (the webhook's reply rides in with `viaWebhookReply`). */
export type Invoke = (
  name: string,
  params: Params,
  options?: { signal?: AbortSignal; viaWebhookReply?: boolean },
) => Promise<ApiResponse>;
