// bot: the scope in which a press's answer may ride in the response to the channel's delivery (Telegram's webhook reply, issue 19).
import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<true>();

/**
 * Runs work that answers its press last (after its writes, beside its one edit): the answer may then go back in
 * the webhook's HTTP response instead of a Bot API call of its own (grammY's webhook reply), one round trip
 * fewer while the button spins. Not for work that answers first and then works on: the response, and with it
 * the answer, waits for the whole update, so the spinner would turn until then.
 */
export function answeringLast<T>(work: () => Promise<T>): Promise<T> {
  return scope.run(true, work);
}

/** grammY's `canUseWebhookReply`: only a press's answer, only inside `answeringLast`. */
export function mayAnswerInResponse(method: string): boolean {
  return method === 'answerCallbackQuery' && scope.getStore() === true;
}
