// bot: multi-step dialogues kept in the table (a Lambda remembers nothing between updates).
import { randomBytes } from 'node:crypto';
import type * as z from 'zod';
import type { ConversationDraft } from '../shared/ports/conversation.js';
import type { BotContext } from './context.js';

/** A dialogue left alone this long is forgotten. */
export const DRAFT_TTL_SECONDS = 24 * 3600;

export function newNonce(): string {
  return randomBytes(4).toString('hex');
}

export async function saveDraft(
  ctx: BotContext,
  draft: { kind: string; nonce: string; data: Record<string, unknown> },
): Promise<void> {
  const user = ctx.chatUser;
  if (!user) return;
  const stored: ConversationDraft = {
    channel: user.channel,
    userId: user.userId,
    ...draft,
    updatedAt: ctx.deps.clock.now().toISOString(),
  };
  await ctx.deps.ports.drafts.put(stored, DRAFT_TTL_SECONDS);
}

/** The dialogue of `kind` this chat is in, read by the dialogue's schema (undefined: none, another, or unreadable). */
export async function readDraft<T>(
  ctx: BotContext,
  kind: string,
  schema: z.ZodType<T>,
): Promise<{ nonce: string; data: T } | undefined> {
  const draft = await ctx.draft();
  if (draft?.kind !== kind) return undefined;
  const parsed = schema.safeParse(draft.data);
  return parsed.success ? { nonce: draft.nonce, data: parsed.data } : undefined;
}

export async function clearDraft(ctx: BotContext): Promise<void> {
  const user = ctx.chatUser;
  if (user) await ctx.deps.ports.drafts.delete(user.channel, user.userId);
}

/** Typed text that is a command is never taken as an answer to a dialogue. */
export function isCommandText(text: string): boolean {
  return text.trimStart().startsWith('/');
}
