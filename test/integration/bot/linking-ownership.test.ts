// Integration: one linked account per person and app (issue 18) — a new account on the same app replaces the old
// one once the old one confirms, and it is told; the person's chat on the other app is told too; /huylienket
// unlinks the chat it is sent from. (Refusals, staff decisions and expiry: link-watch.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, type BotWorld, createBotWorld } from '../../support/bot-world.js';
import { aChatPerson, type ChatPerson, linkPerson } from '../../support/chat-channels.js';

let world: BotWorld;

beforeAll(async () => {
  world = await createBotWorld({ zalo: true });
});
afterAll(async () => {
  await world.close();
});

const texts = (person: ChatPerson) => person.messages().map((m) => m.text ?? '');

describe('Linking: one account per person and app, and the person is told', () => {
  it('replaces the earlier account on the same app once it confirms, tells it, and tells the account on the other app', async () => {
    // Prepare
    const member = await addMember(world, { fullName: 'Đào Thị Chủ' });
    const first = await aChatPerson(world, 'telegram', 'Chủ');
    const onZalo = await aChatPerson(world, 'zalo', 'Chủ');
    await linkPerson(world, first, { kind: 'member', id: member.id });
    await linkPerson(world, onZalo, { kind: 'member', id: member.id });
    const second = await aChatPerson(world, 'telegram', 'Khác');

    // Act
    await linkPerson(world, second, { kind: 'member', id: member.id });
    const waiting = await world.repos.chatLinks.byChat('telegram', second.chatId);
    await first.press('Xác nhận');

    // Assess
    expect(waiting).toBeUndefined();
    expect(await world.repos.chatLinks.byChat('telegram', first.chatId)).toBeUndefined();
    expect(await world.repos.chatLinks.byChat('telegram', second.chatId)).toMatchObject({ id: member.id });
    expect(await world.repos.chatLinks.byChat('zalo', onZalo.chatId)).toMatchObject({ id: member.id });
    const links = await world.repos.chatLinks.ofSubject({ kind: 'member', id: member.id });
    expect(links.map((l) => `${l.channel}:${l.userId}`).sort()).toEqual(
      [`telegram:${second.chatId}`, `zalo:${onZalo.chatId}`].sort(),
    );
    expect(texts(first).at(-1)).toContain('Một tài khoản Telegram vừa được liên kết với đồng chí.');
    expect(texts(first).at(-1)).toContain('tài khoản này đã được hủy liên kết');
    expect(texts(onZalo).at(-1)).toBe(
      'THÔNG BÁO LIÊN KẾT TÀI KHOẢN\nMột tài khoản Telegram vừa được liên kết với đồng chí. ' +
        'Nếu không phải đồng chí thực hiện, xin báo ngay cho cấp ủy.',
    );
    // The replaced account is a stranger now: its commands answer "not linked".
    await first.send('/gopy');
    expect(texts(first).at(-1)).toContain('chưa được liên kết');
  });
});

describe.each(['telegram', 'zalo'] as const)('Feature on %s: /huylienket', (channel) => {
  it('asks first, keeps the link on «Giữ lại», unlinks on «Hủy liên kết»', async () => {
    // Prepare
    const member = await addMember(world, { fullName: 'Trịnh Văn Rời' });
    const person = await aChatPerson(world, channel, 'Rời');
    await linkPerson(world, person, { kind: 'member', id: member.id });

    // Act
    await person.send('/huylienket');
    const asked = person.messages().at(-1);
    await person.press('Giữ lại');
    const kept = await world.repos.chatLinks.byChat(channel, person.chatId);
    await person.send('/huylienket');
    await person.press('Hủy liên kết');
    const after = await world.repos.chatLinks.byChat(channel, person.chatId);

    // Assess
    expect(asked?.buttons).toEqual(['Hủy liên kết', 'Giữ lại']);
    expect(kept).toMatchObject({ id: member.id });
    expect(after).toBeUndefined();
    expect(texts(person)).toContain(
      'Đã hủy liên kết tài khoản này. Muốn liên kết lại, đồng chí xin mã liên kết mới từ cấp ủy.',
    );
    expect(await world.repos.chatLinks.ofSubject({ kind: 'member', id: member.id })).toEqual([]);
  });
});
