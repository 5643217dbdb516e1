// Integration: guessing link codes is refused past a limit — per chat (10 wrong codes an hour), and a used
// code tried again and again is reported — through the webhook and the emulator, counted on DynamoDB Local.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLinkCode,
  LINK_ATTEMPTS_PER_CHAT,
  LINK_CODE_ALERT_ATTEMPTS,
} from '../../../shared/services/link-codes.js';
import { addMember, agreeToNotice, aUser, type BotWorld, createBotWorld } from '../../support/bot-world.js';

const TOO_MANY =
  'Đồng chí đã nhập sai mã liên kết quá nhiều lần. Vui lòng thử lại sau một giờ, hoặc xin mã mới từ cấp ủy.';

describe('Feature: link codes cannot be guessed', () => {
  let world: BotWorld;
  let seq = 0;
  const codeFor = async (memberId: string) =>
    (
      await createLinkCode({ kind: 'member', id: memberId }, 'test', {
        chatLinks: world.repos.chatLinks,
        clock: world.clock,
        newCode: () => `GUESS${String(++seq).padStart(3, '0')}`,
      })
    ).code;

  beforeAll(async () => {
    world = await createBotWorld({ now: '2026-05-04T09:00:00+07:00' });
  });
  afterAll(async () => {
    await world.close();
  });

  it('refuses a chat after 10 wrong codes in an hour, even with a good code, and lets it try again an hour later', async () => {
    // Prepare
    const guesser = aUser('Đoán');
    const member = await addMember(world, { fullName: 'Phan Văn Thật' });
    const good = await codeFor(member.id);

    // Act
    for (let i = 0; i < LINK_ATTEMPTS_PER_CHAT; i++) {
      await world.emu.sendUserMessage({ user: guesser, text: `/start WRONG${String(i).padStart(3, '0')}` });
    }
    await world.emu.sendUserMessage({ user: guesser, text: `/start ${good}` });
    const refused = world.emu.lastBotMessage(guesser.id)?.text;
    const linkedMeanwhile = await world.repos.chatLinks.byChat('telegram', String(guesser.id));
    world.clock.advance(61 * 60_000);
    await world.emu.sendUserMessage({ user: guesser, text: `/start ${good}` });
    await agreeToNotice(world, guesser, good);

    // Assess
    expect(refused).toBe(TOO_MANY);
    expect(linkedMeanwhile).toBeUndefined();
    expect(world.metrics.total('LinkCodeAttemptsSuspicious')).toBe(1);
    expect(await world.repos.chatLinks.byChat('telegram', String(guesser.id))).toMatchObject({
      kind: 'member',
      id: member.id,
    });
  });

  it('reports a used code tried again and again by other chats', async () => {
    // Prepare
    const before = world.metrics.total('LinkCodeAttemptsSuspicious');
    const owner = aUser('Chủ');
    const member = await addMember(world, { fullName: 'Trương Thị Chủ' });
    const code = await codeFor(member.id);
    await world.emu.sendUserMessage({ user: owner, text: `/start ${code}` });
    await agreeToNotice(world, owner, code);

    // Act: others try the leaked code
    for (let i = 0; i < LINK_CODE_ALERT_ATTEMPTS; i++) {
      await world.emu.sendUserMessage({ user: aUser(`Lạ ${i}`), text: `/start ${code}` });
    }

    // Assess
    expect(world.metrics.total('LinkCodeAttemptsSuspicious') - before).toBe(1);
    expect(await world.repos.chatLinks.byChat('telegram', String(owner.id))).toMatchObject({ id: member.id });
  });

  it('does not hold a person back for a mistyped code', async () => {
    // Prepare
    const person = aUser('Gõ');
    const member = await addMember(world, { fullName: 'Mai Văn Gõ' });
    const good = await codeFor(member.id);

    // Act
    await world.emu.sendUserMessage({ user: person, text: '/start GUESSXXX' });
    await world.emu.sendUserMessage({ user: person, text: `/start ${good}` });
    await agreeToNotice(world, person, good);

    // Assess
    expect(await world.repos.chatLinks.byChat('telegram', String(person.id))).toMatchObject({
      id: member.id,
    });
  });
});
