// Test support: members linked in the bot, and invitation letters in their chats — where every RSVP press,
// and every replay of one (tests, reliability, bench), starts.
import type { SimulatedUser } from '../../local/telegram-emulator/index.js';
import { invitationLetter } from '../../shared/domain/invitation.js';
import type { Meeting } from '../../shared/domain/meeting.js';
import type { Member } from '../../shared/domain/member.js';
import { addMember, aUser, type BotWorld, link, RESIDENCE } from './bot-world.js';
import { inBatches } from './builders.js';

export interface LinkedMember {
  member: Member;
  user: SimulatedUser;
}

export interface InvitedMember extends LinkedMember {
  /** The invitation letter in the member's chat: the message its RSVP buttons are on. */
  messageId: number;
}

/** A new member of the ward, linked to a new Telegram user (named after the member's given name). */
export async function aLinkedMember(
  world: BotWorld,
  fullName: string,
  overrides: Partial<Member> = {},
): Promise<LinkedMember> {
  const member = await addMember(world, { ...overrides, fullName });
  const user = aUser(fullName.split(' ').at(-1) ?? 'X');
  await link(world, user, { kind: 'member', id: member.id });
  return { member, user };
}

/** `count` linked members named "<family> Văn Số<n>", in order, `concurrency` linked at a time. */
export async function linkedMembers(
  world: BotWorld,
  count: number,
  family: string,
  concurrency = 1,
): Promise<LinkedMember[]> {
  const linked: LinkedMember[] = [];
  await inBatches(
    Array.from({ length: count }, (_, i) => i),
    concurrency,
    async (i) => {
      linked[i] = await aLinkedMember(world, `${family} Văn Số${i + 1}`);
    },
  );
  return linked;
}

/** How a test's letter is made: as the invitation job makes it today, or as before issue 19. */
export interface LetterOptions {
  /**
   * `false`: an invitation made before issue 19 — no copy of the letter on it and no member on "Tham dự",
   * so a press takes the path that reads the meeting and the committee. Default: as the job makes it now.
   */
  copy?: boolean;
}

/** The member's invitation to `meeting`, sent and not answered yet (as the invitation job leaves it). */
export async function storeInvitation(
  world: BotWorld,
  meeting: Meeting,
  member: Pick<Member, 'id' | 'fullName' | 'workplaceOrgId'>,
  options: LetterOptions = {},
): Promise<void> {
  const committee = await world.repos.committees.get(meeting.residenceOrgId);
  await world.repos.invitations.createOnce({
    meetingId: meeting.id,
    residenceOrgId: RESIDENCE,
    memberId: member.id,
    memberName: member.fullName,
    workplaceOrgId: member.workplaceOrgId,
    hamletId: 'kv-1',
    meetingDate: meeting.date,
    delivery: 'sent',
    rsvp: 'none',
    attendance: 'unrecorded',
    version: 1,
    ...(options.copy !== false && committee ? { letter: invitationLetter(meeting, committee.name) } : {}),
  });
}

/**
 * The member's invitation to `meeting` and its letter with the RSVP buttons in the member's chat (sent by
 * the bot's own messenger); returns the letter's message id.
 */
export async function inviteInChat(
  world: BotWorld,
  meeting: Meeting,
  { member, user }: LinkedMember,
  options: LetterOptions = {},
) {
  await storeInvitation(world, meeting, member, options);
  const { messenger } = await world.deps.telegram();
  const sent = await messenger.send(
    { channel: 'telegram', chatId: String(user.id) },
    {
      kind: 'invitation',
      meeting,
      committeeName: 'Đảng ủy phường An Hòa',
      memberName: member.fullName,
      ...(options.copy !== false ? { memberId: member.id } : {}),
    },
  );
  if (!sent.ok) throw new Error(`the invitation letter to ${member.id} could not be sent`);
  return Number(sent.ref.messageId);
}

/** A new linked member with the invitation letter to `meeting` in their chat. */
export async function anInvitedMember(
  world: BotWorld,
  meeting: Meeting,
  fullName: string,
  overrides: Partial<Member> = {},
  options: LetterOptions = {},
): Promise<InvitedMember> {
  const linked = await aLinkedMember(world, fullName, overrides);
  return { ...linked, messageId: await inviteInChat(world, meeting, linked, options) };
}
