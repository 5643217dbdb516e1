// channel (Telegram): button data is at most 64 bytes; longer logical data is stored under a short token.
import { createHash } from 'node:crypto';
import type { CallbackDataStore } from '../../../shared/ports/conversation.js';

export const MAX_CALLBACK_BYTES = 64;
/** Stored button data outlives any invitation it sits under (a meeting is at most months away). */
const STORED_TTL_SECONDS = 180 * 24 * 3600;
const TOKEN_MARK = '~';

/** The data to put on the button: itself when short enough, else `~<hash>` with the data stored. */
export async function packCallbackData(data: string, store: CallbackDataStore): Promise<string> {
  if (Buffer.byteLength(data, 'utf8') <= MAX_CALLBACK_BYTES && !data.startsWith(TOKEN_MARK)) return data;
  const token = TOKEN_MARK + createHash('sha256').update(data, 'utf8').digest('base64url').slice(0, 24);
  await store.put(token, data, STORED_TTL_SECONDS);
  return token;
}

/** The logical data of a pressed button; undefined for a token whose data is gone (expired). */
export async function unpackCallbackData(
  data: string,
  store: CallbackDataStore,
): Promise<string | undefined> {
  if (!data.startsWith(TOKEN_MARK)) return data;
  return store.get(data);
}
