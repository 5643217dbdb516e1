// bot: who is writing, as the features need it — one definition of "residence staff" for every command.

import { message } from '../chat/view.js';
import { isResidenceStaff, type Principal } from '../shared/domain/roles.js';
import type { ChatActor } from '../shared/services/chat-actors.js';
import type { BotContext } from './context.js';

export type StaffActor = Extract<ChatActor, { kind: 'staff' }>;

/** The chat's staff actor when they serve a residence committee (staff, chair, secretary); else undefined. */
export async function residenceStaffActor(ctx: BotContext): Promise<StaffActor | undefined> {
  const actor = await ctx.actor();
  return actor?.kind === 'staff' && isResidenceStaff(actor.principal) ? actor : undefined;
}

/** The same, as the principal the use cases authorise. */
export async function residenceStaff(ctx: BotContext): Promise<Principal | undefined> {
  return (await residenceStaffActor(ctx))?.principal;
}

/** The chat's staff actor when they act as an administrator now; else a refusal is sent and undefined returned. */
export async function adminActor(ctx: BotContext): Promise<StaffActor | undefined> {
  const actor = await ctx.actor();
  if (actor?.kind === 'staff' && actor.principal.role === 'admin') return actor;
  await ctx.ui.reply(message(actor ? ctx.t.admin.notAdmin : ctx.t.errors.notLinked));
  return undefined;
}
