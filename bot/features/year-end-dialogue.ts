// feature helpers: the dialogues about one member's evaluation (R18's consultation in consultation.ts, qd213-2020's
// Front opinion and cell signature in qd213-steps.ts) ask one message each and end on a date; they take a press
// of their buttons and the closing date alike, so a stale button or a bad date is answered the same in both.
import { message, type ViewMessage } from '../../chat/view.js';
import { isValidIsoDate, localDate } from '../../shared/domain/dates.js';
import type { Principal } from '../../shared/domain/roles.js';
import { residenceStaff } from '../actors.js';
import type { BotContext } from '../context.js';
import { clearDraft, isCommandText } from '../drafts.js';

/** What a dialogue's draft and each of its buttons name: the member's evaluation of one year. */
interface MemberYear {
  year: number;
  memberId: string;
}

/** "05/11/2026", "5-11-2026": a real date, not after today (an opinion already given, a signature made). */
export function parsePastDate(text: string, now: Date): string | undefined {
  const match = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!match) return undefined;
  const [, d = '', m = '', y = ''] = match;
  const date = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isValidIsoDate(date) && date <= localDate(now) ? date : undefined;
}

/**
 * A button of the dialogue pressed: one of a dialogue that is gone, or about another member or year, is stale (an
 * alert says so), and «Hủy» ends the dialogue. Returns the draft when the press is the dialogue's to go on with,
 * undefined when it was answered here.
 */
export async function pressOnDraft<W extends { data: MemberYear }>(
  ctx: BotContext,
  current: W | undefined,
  pressed: MemberYear & { op: string },
): Promise<W | undefined> {
  if (!current || current.data.year !== pressed.year || current.data.memberId !== pressed.memberId) {
    await ctx.ui.answer(ctx.t.errors.staleButton, { alert: true });
    return undefined;
  }
  if (pressed.op === 'cancel') {
    await clearDraft(ctx);
    await ctx.ui.answer();
    await ctx.ui.replace(message(ctx.t.yearEnd.cancelled));
    return undefined;
  }
  return current;
}

/**
 * A typed message, taken as the dialogue's answer when it is no command, the chat is in the dialogue and the sender
 * is residence staff; undefined leaves it to the next feature.
 */
export async function typedAnswer<W>(
  ctx: BotContext,
  text: string,
  read: (ctx: BotContext) => Promise<W | undefined>,
): Promise<{ current: W; principal: Principal } | undefined> {
  if (isCommandText(text)) return undefined;
  const current = await read(ctx);
  if (!current) return undefined;
  const principal = await residenceStaff(ctx);
  return principal ? { current, principal } : undefined;
}

/** The closing date typed: a past date, or undefined once the question is asked again with why. */
export async function typedDate(
  ctx: BotContext,
  text: string,
  ask: () => ViewMessage,
): Promise<string | undefined> {
  const date = parsePastDate(text, ctx.deps.clock.now());
  if (date) return date;
  await ctx.ui.reply(ask());
  await ctx.ui.reply(message(ctx.t.yearEnd.consultBadDate));
  return undefined;
}
