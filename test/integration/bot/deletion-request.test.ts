// Integration: a member's deletion request (issue 18, Law 91/2025 Art. 14) — asked from /dulieu, answered with
// when and why; seen by the ward's chair over HTTP and completed only once the keeping times allow, by the
// retention's anonymisation; the member is told; a second press or call changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as completeRoute } from '../../../functions/http/deletion-request-complete.js';
import { createHandler as listRoute } from '../../../functions/http/deletion-requests-list.js';
import { createHandler as endRoute } from '../../../functions/http/introductions-end.js';
import { ANONYMISED_NAME } from '../../../shared/domain/privacy.js';
import type { Principal } from '../../../shared/domain/roles.js';
import {
  addMember,
  aUser,
  type BotWorld,
  createBotWorld,
  link,
  RESIDENCE,
  WORKPLACE,
} from '../../support/bot-world.js';
import { call } from '../../support/http.js';

const CHAIR: Principal = { sub: 'chair-1', orgId: RESIDENCE, role: 'chair' };

describe('Feature: a member asks for their data to be deleted', () => {
  let world: BotWorld;

  beforeAll(async () => {
    world = await createBotWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  const texts = (id: number) => world.emu.botMessages(id).map((m) => m.text ?? m.caption ?? '');
  const list = (principal: Principal) =>
    call<{ items: { memberId: string; status: string; possibility: { state: string; from?: string } }[] }>(
      listRoute(() => world.deps),
      {
        method: 'GET',
        route: '/committees/{id}/deletion-requests',
        pathParameters: { id: RESIDENCE },
        principal,
      },
    );
  const complete = (memberId: string, principal: Principal = CHAIR) =>
    call<{
      outcome?: string;
      error?: { code: string; message: string; details?: { possibleFrom?: string } };
    }>(
      completeRoute(() => world.deps),
      {
        method: 'POST',
        route: '/committees/{id}/deletion-requests/{memberId}/complete',
        pathParameters: { id: RESIDENCE, memberId },
        principal,
      },
    );

  it('records the request from /dulieu once, says why it must wait, and lets the chair complete it only after the keeping time', async () => {
    // Prepare
    const member = await addMember(world, { fullName: 'Kiều Thị Xoá' });
    const user = aUser('Xoá');
    await link(world, user, { kind: 'member', id: member.id });
    await world.emu.sendUserMessage({ user, text: '/dulieu' });
    const summary = world.emu.botMessages(user.id).findLast((m) => m.text?.startsWith('Dữ liệu cá nhân'));
    const pressAsk = () =>
      world.emu.pressButton({ user, messageId: summary?.messageId ?? 0, text: 'Yêu cầu xoá dữ liệu' });

    try {
      // Act
      await pressAsk();
      const inContactAnswer = texts(user.id).at(-1);
      await pressAsk();
      const listed = await list(CHAIR);
      const byStaff = await list({ sub: 'res-1', orgId: RESIDENCE, role: 'residence_staff' });
      const tooEarly = await complete(member.id);
      const ended = await call(
        endRoute(() => world.deps),
        {
          method: 'POST',
          route: '/introductions/{id}/end',
          pathParameters: { id: `intro-${member.id}` },
          body: { reason: 'moved' },
          principal: { sub: 'work-1', orgId: WORKPLACE, role: 'workplace_staff' },
        },
      );
      const inKeepingTime = await complete(member.id);
      world.clock.set('2028-06-02T08:00:00+07:00');
      const done = await complete(member.id);
      const again = await complete(member.id);

      // Assess
      expect(summary?.replyMarkup?.inline_keyboard.flat().map((b) => b.text)).toEqual([
        'Yêu cầu xoá dữ liệu',
      ]);
      expect(inContactAnswer).toMatch(
        /^Đã ghi nhận yêu cầu xoá dữ liệu của đồng chí\. Hiện đồng chí đang giữ mối liên hệ/,
      );
      expect(listed.status).toBe(200);
      expect(listed.json.items).toMatchObject([
        { memberId: member.id, status: 'pending', possibility: { state: 'in_contact' } },
      ]);
      expect(byStaff.status).toBe(403);
      expect(tooEarly.status).toBe(409);
      expect(ended.status).toBe(200);
      expect(inKeepingTime.status).toBe(409);
      expect(inKeepingTime.json.error?.message).toContain('Chưa thể xoá trước ngày 01/06/2028');
      expect(done.status).toBe(200);
      expect(done.json.outcome).toBe('completed');
      expect(again.json.outcome).toBe('already_completed');
      expect((await world.repos.members.get(member.id))?.fullName).toBe(ANONYMISED_NAME);
      expect(await world.repos.chatLinks.byChat('telegram', String(user.id))).toBeUndefined();
      expect(texts(user.id).at(-1)).toMatch(/^Yêu cầu xoá dữ liệu của đồng chí đã được thực hiện/);
    } finally {
      world.clock.set('2026-06-01T08:00:00+07:00');
    }
  });
});
