// Test support: one person in a chat on either channel (Telegram or Zalo), so a feature test runs on both from one body (describe.each).
import { randomInt } from 'node:crypto';
import { CODE_ALPHABET } from '../../shared/adapters/ids.js';
import type { Meeting } from '../../shared/domain/meeting.js';
import type { Member } from '../../shared/domain/member.js';
import type { Channel, ChatSubject } from '../../shared/ports/repositories.js';
import { createLinkCode } from '../../shared/services/link-codes.js';
import { storeInvitation } from './bot-invitations.js';
import { addMember, aUser, type BotWorld } from './bot-world.js';

export const CHANNELS: readonly Channel[] = ['telegram', 'zalo'];

/** What a person sees of one of the bot's messages (Telegram: the message as it is now, after any edit). */
export interface SeenMessage {
  id: string;
  text: string | undefined;
  buttons: string[];
}

export interface ChatPerson {
  readonly channel: Channel;
  /** The chat as the ports key it (ChatLink.userId and chatId). */
  readonly chatId: string;
  /** Types a text; answers the webhook's HTTP status. */
  send(text: string): Promise<number | undefined>;
  /** Sends a file (Telegram: a document message; Zalo: a user_send_file event); answers the webhook's HTTP status. */
  sendFile(file: SentFile): Promise<number | undefined>;
  /** Presses the button with this label on the newest of the bot's messages that has one. */
  press(label: string): Promise<number | undefined>;
  /** The bot's messages in this chat, oldest first. */
  messages(): SeenMessage[];
  /** The files the bot sent to this chat, oldest first, with their bytes as the channel's file store keeps them. */
  documents(): ReceivedFile[];
}

/** A file the bot sent (Telegram: sendDocument; Zalo: a file message, uploaded first). */
export interface ReceivedFile {
  fileName: string;
  bytes: Uint8Array | undefined;
}

/** A file a person sends to the bot. */
export interface SentFile {
  fileName: string;
  bytes: string | Uint8Array;
  mimeType?: string;
}

/** A Zalo user id: digits, longer than a JavaScript number holds exactly (as Zalo's are). */
function aZaloUserId(): string {
  return `81${String(randomInt(1e9)).padStart(9, '0')}${String(randomInt(1e8)).padStart(8, '0')}`;
}

/**
 * A new person in a chat with the bot. On Zalo they follow the OA first (Zalo refuses messages to
 * non-followers), which greets them.
 */
export async function aChatPerson(world: BotWorld, channel: Channel, name: string): Promise<ChatPerson> {
  if (channel === 'telegram') {
    const user = aUser(name);
    const emu = world.emu;
    const messages = (): SeenMessage[] =>
      emu.botMessages(user.id).map((m) => ({
        id: String(m.messageId),
        text: m.text ?? m.caption,
        buttons: m.replyMarkup?.inline_keyboard.flat().map((b) => b.text) ?? [],
      }));
    return {
      channel,
      chatId: String(user.id),
      send: async (text) => (await emu.sendUserMessage({ user, text })).status,
      sendFile: async ({ fileName, bytes, mimeType }) =>
        (
          await emu.sendUserMessage({
            user,
            document: { bytes, fileName, ...(mimeType ? { mimeType } : {}) },
          })
        ).status,
      press: async (label) => {
        const target = messages().findLast((m) => m.buttons.includes(label));
        if (!target) throw new Error(`No message with a "${label}" button in the Telegram chat`);
        return (await emu.pressButton({ user, messageId: Number(target.id), text: label })).status;
      },
      messages,
      documents: () =>
        emu
          .botMessages(user.id)
          .flatMap((m) => (m.document ? [m.document] : []))
          .map((d) => {
            const stored = emu.document(d.fileId);
            return { fileName: stored?.fileName ?? d.fileName ?? '', bytes: stored?.bytes };
          }),
    };
  }
  const zalo = world.zalo;
  if (!zalo) throw new Error('This world has no Zalo channel (createBotWorld({ zalo: true }))');
  const emu = zalo.emu;
  const userId = emu.addUser({ id: aZaloUserId(), name }).id;
  const followed = await emu.follow(userId);
  if (followed.status !== 200) throw new Error(`The Zalo webhook answered ${followed.status} to a follow`);
  const messages = (): SeenMessage[] =>
    emu.oaMessages(userId).map((m) => ({
      id: m.messageId,
      text: m.text ?? m.file?.fileName,
      buttons: m.buttons?.map((b) => b.title) ?? [],
    }));
  return {
    channel,
    chatId: userId,
    send: async (text) => (await emu.sendText(userId, text)).status,
    sendFile: async ({ fileName, bytes, mimeType }) =>
      (await emu.sendFile(userId, { fileName, bytes, ...(mimeType ? { mimeType } : {}) })).status,
    press: async (label) => {
      const target = messages().findLast((m) => m.buttons.includes(label));
      if (!target) throw new Error(`No message with a "${label}" button in the Zalo chat`);
      return (await emu.pressButton(userId, target.id, { title: label })).status;
    },
    messages,
    documents: () =>
      emu
        .oaMessages(userId)
        .flatMap((m) => (m.file ? [m.file] : []))
        .map((f) => ({ fileName: f.fileName, bytes: emu.upload(f.token)?.bytes })),
  };
}

/** A link code from the real alphabet (the Zalo bot recognises a typed code by it). */
export async function issueLinkCode(world: BotWorld, subject: ChatSubject): Promise<string> {
  let code = '';
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  const issued = await createLinkCode(subject, 'test', {
    chatLinks: world.repos.chatLinks,
    clock: world.clock,
    newCode: () => code,
  });
  return issued.code;
}

/**
 * Links the person as people do on their channel: on Telegram the deep link (`/start <code>`); on Zalo,
 * where there are no deep links into an OA chat, the code typed as it is (in lower case: any case works).
 */
export async function linkPerson(world: BotWorld, person: ChatPerson, subject: ChatSubject): Promise<void> {
  const code = await issueLinkCode(world, subject);
  const status = await person.send(person.channel === 'telegram' ? `/start ${code}` : code.toLowerCase());
  if (status !== 200) throw new Error(`The ${person.channel} webhook answered ${status}`);
  // A member agrees to the purpose notice first (issue 18); staff are linked at once.
  if (subject.kind === 'member') {
    const agreed = await person.press('Đồng ý');
    if (agreed !== 200) throw new Error(`The ${person.channel} webhook answered ${agreed}`);
  }
}

/** A new member of the ward, linked on `channel`. */
export async function aLinkedPerson(world: BotWorld, channel: Channel, fullName: string) {
  const member = await addMember(world, { fullName });
  const person = await aChatPerson(world, channel, fullName.split(' ').at(-1) ?? 'X');
  await linkPerson(world, person, { kind: 'member', id: member.id });
  return { member, person };
}

/** The member's invitation to `meeting`, stored and sent to their chat by the bot's (routing) messenger. */
export async function inviteOn(
  world: BotWorld,
  meeting: Meeting,
  member: Member,
  person: ChatPerson,
): Promise<void> {
  await storeInvitation(world, meeting, member);
  const { messenger } = await world.deps.telegram();
  const sent = await messenger.send(
    { channel: person.channel, chatId: person.chatId },
    { kind: 'invitation', meeting, committeeName: 'Đảng ủy phường An Hòa', memberName: member.fullName },
  );
  if (!sent.ok) throw new Error(`The invitation could not reach the ${person.channel} chat`);
}
