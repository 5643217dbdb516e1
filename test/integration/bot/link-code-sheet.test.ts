// Integration: the printable link-code sheet — /maketnoi in the bot (through the webhook) and
// GET /committees/{id}/link-codes.pdf: a section per hamlet, each unlinked member with a code, codes reused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as linkCodesPdf } from '../../../functions/http/committee-link-codes-pdf.js';
import type { Member } from '../../../shared/domain/member.js';
import { keptLinkCodeSchema } from '../../../shared/schemas/kept-results.js';
import {
  addMember,
  aUser,
  type BotWorld,
  createBotWorld,
  link,
  RESIDENCE,
  STAFF,
} from '../../support/bot-world.js';
import { call } from '../../support/http.js';
import { pdfText } from '../../support/pdf.js';

describe('Feature: link codes as a printable PDF sheet per hamlet', () => {
  let world: BotWorld;
  const staffUser = aUser('Thư');
  const linkedUser = aUser('An');
  let members: Member[];

  beforeAll(async () => {
    world = await createBotWorld({ now: '2026-04-01T09:00:00+07:00' });
    members = [
      await addMember(world, { fullName: 'Nguyễn Văn An', hamletId: 'kv-1' }),
      await addMember(world, { fullName: 'Trần Thị Bình', hamletId: 'kv-1' }),
      await addMember(world, { fullName: 'Lê Văn Cường', hamletId: 'kv-2' }),
    ];
    await link(world, staffUser, { kind: 'staff', id: STAFF.residence?.id ?? '' });
    await link(world, linkedUser, { kind: 'member', id: members[0]?.id ?? '' });
  });
  afterAll(async () => {
    await world.close();
  });

  const codeOf = async (memberId: string) =>
    (await world.repos.idempotency.recall('link-sheet', `${RESIDENCE}:${memberId}`, keptLinkCodeSchema))
      ?.code;

  it('sends the PDF on /maketnoi: a page per hamlet by name, each unlinked member with their code', async () => {
    // Act
    await world.emu.sendUserMessage({ user: staffUser, text: '/maketnoi' });
    const sent = world.emu.lastBotMessage(staffUser.id);
    const pdf = world.emu.document(sent?.document?.fileId ?? '');
    const text = await pdfText(pdf?.bytes ?? new Uint8Array());
    const binh = await codeOf(members[1]?.id ?? '');
    const cuong = await codeOf(members[2]?.id ?? '');

    // Assess
    expect(sent?.document?.fileName).toBe(`ma-lien-ket-${RESIDENCE}.pdf`);
    expect(sent?.caption).toContain('Mã liên kết của 2 đảng viên');
    expect(text).toContain('Khu vực 1');
    expect(text).toContain('Khu vực 2');
    expect(text).toContain(`Trần Thị Bình Mã liên kết: ${binh}`);
    expect(text).toContain(`Lê Văn Cường Mã liên kết: ${cuong}`);
    expect(text).toContain(`https://t.me/${world.deps.bot.botUsername}?start=${cuong}`);
    expect(text).not.toContain('Nguyễn Văn An'); // linked already
    expect(await codeOf(members[0]?.id ?? '')).toBeUndefined();
    expect((await world.repos.chatLinks.getLinkCode(binh ?? ''))?.subject).toEqual({
      kind: 'member',
      id: members[1]?.id,
    });
  });

  it('serves the same sheet over HTTP with the same codes (issuing again reuses them); 403 to workplace staff', async () => {
    // Prepare
    const handler = linkCodesPdf(() => world.deps, { botUsername: () => 'lienhe_test_bot' });
    const before = await codeOf(members[1]?.id ?? '');

    // Act
    const res = await call(handler, {
      method: 'GET',
      route: '/committees/{id}/link-codes.pdf',
      pathParameters: { id: RESIDENCE },
      principal: { sub: 'res-1', orgId: RESIDENCE, role: 'residence_staff' },
    });
    const refused = await call(handler, {
      method: 'GET',
      route: '/committees/{id}/link-codes.pdf',
      pathParameters: { id: RESIDENCE },
      principal: { sub: 'work-1', orgId: 'so-y-te', role: 'workplace_staff' },
    });
    const text = await pdfText(res.bytes);

    // Assess
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(await codeOf(members[1]?.id ?? '')).toBe(before);
    expect(text).toContain(`Trần Thị Bình Mã liên kết: ${before}`);
    expect(refused.status).toBe(403);
  });
});
