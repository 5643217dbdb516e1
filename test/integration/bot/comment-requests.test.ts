// Integration: /denghinhanxet through the webhook and the Telegram emulator — under qd213-2020 the ward's staff
// record that a comment on an exempt member was requested (33-HD/BTCTW), and only then does /nhanxet offer it;
// a member exempt by no listed case (a student without an exemption) is not on the list at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remindersOf } from '../../../functions/chat-deps.js';
import type { Member } from '../../../shared/domain/member.js';
import { chaseDeadlines } from '../../../shared/services/deadlines.js';
import { recordCommentRequest, saveEvaluationDraft } from '../../../shared/services/evaluations.js';
import { compileOctoberReport } from '../../../shared/services/october-report.js';
import { workplaceYearEnd } from '../../../shared/services/year-end.js';
import {
  addMember,
  aUser,
  type BotWorld,
  createBotWorld,
  link,
  RESIDENCE,
  STAFF,
  WORKPLACE,
} from '../../support/bot-world.js';
import { aCommittee } from '../../support/builders.js';

describe('Feature: /denghinhanxet under qd213-2020', () => {
  let world: BotWorld;
  const staffUser = aUser('Thư');
  const last = () => world.emu.lastBotMessage(staffUser.id);
  const labels = () =>
    last()
      ?.replyMarkup?.inline_keyboard.flat()
      .map((b) => b.text) ?? [];
  const press = (text: string) =>
    world.emu.pressButton({ user: staffUser, messageId: last()?.messageId ?? 0, text });
  const type = (text: string) => world.emu.sendUserMessage({ user: staffUser, text });
  let soldier: Member;
  let regular: Member;

  beforeAll(async () => {
    world = await createBotWorld({ now: '2026-11-20T09:00:00+07:00' });
    await world.repos.committees.put(
      aCommittee({ id: RESIDENCE, kind: 'residence', name: 'Đảng ủy phường An Hòa', ruleSet: 'qd213-2020' }),
    );
    regular = await addMember(world, { fullName: 'Lê Văn Cường' });
    await addMember(world, { fullName: 'Trần Thị Bình', category: 'student', hamletId: 'kv-2' });
    soldier = await addMember(world, { fullName: 'Bùi Văn Sơn', category: 'armed_forces', hamletId: 'kv-2' });
    await world.repos.members.addExemption({
      id: 'ex-son',
      memberId: soldier.id,
      reason: 'Ở tập trung tại doanh trại',
      from: '2026-01-01',
      category: 'armed_forces_barracks',
      confirmedBy: 'work-1',
      confirmedAt: '2026-01-05T02:00:00Z',
    });
    await link(world, staffUser, { kind: 'staff', id: STAFF.residence?.id ?? '' });
  });
  afterAll(async () => {
    await world.close();
  });

  it('lists only the exempt member, records the request with its reason, and /nhanxet then offers the short form', async () => {
    // Prepare
    await type('/nhanxet');
    const dueBefore = labels();

    // Act
    await type('/denghinhanxet');
    const list = labels();
    await press('Bùi Văn Sơn (Khu vực 2)');
    const reasons = labels();
    await press('Bổ nhiệm');
    const recorded = last()?.text;
    await type('/denghinhanxet');
    const listAfter = labels();
    await press('Bùi Văn Sơn (Khu vực 2) — đã có đề nghị');
    await press('Khen thưởng');
    const again = last()?.text;
    await type('/nhanxet');
    const dueAfter = labels();

    // Assess
    expect(dueBefore).toEqual([
      'Lê Văn Cường (Khu vực 1)',
      'Trần Thị Bình (Khu vực 2)',
      'In phiếu cả Khu vực 1',
      'In phiếu cả Khu vực 2',
      'Hủy',
    ]);
    expect(list).toEqual(['Bùi Văn Sơn (Khu vực 2)']);
    expect(reasons).toEqual(['Bổ nhiệm', 'Khen thưởng', 'Kỷ luật']);
    expect(recorded).toContain('Đã ghi đề nghị nhận xét đồng chí Bùi Văn Sơn (Bổ nhiệm), do Chi bộ Sở Y tế');
    expect(recorded).toContain('20/11/2026');
    expect(listAfter).toEqual(['Bùi Văn Sơn (Khu vực 2) — đã có đề nghị']);
    expect(again).toContain('đã có đề nghị nhận xét (Bổ nhiệm) từ trước');
    expect(await world.repos.evaluations.getCommentRequest(RESIDENCE, 2026, soldier.id)).toMatchObject({
      reason: 'appointment',
      requestedBy: 'Chi bộ Sở Y tế',
      requestedOn: '2026-11-20',
      recordedBy: 'res-1',
    });
    expect(dueAfter).toEqual([
      'Lê Văn Cường (Khu vực 1)',
      // Vietnamese order by given name within the hamlet: Bình before Sơn.
      'Trần Thị Bình (Khu vực 2)',
      'Bùi Văn Sơn (Khu vực 2)',
      'In phiếu cả Khu vực 1',
      'In phiếu cả Khu vực 2',
      'Hủy',
    ]);
  });

  it('tells the chair in words that the cell signs before the ward confirms, and sends nothing', async () => {
    // Prepare
    const chairUser = aUser('Chủ');
    await link(world, chairUser, { kind: 'staff', id: STAFF.chair?.id ?? '' });
    const memberId = regular.id;
    await saveEvaluationDraft(
      { ...world.repos, clock: world.clock },
      { sub: 'res-1', orgId: RESIDENCE, role: 'residence_staff' },
      {
        orgId: RESIDENCE,
        year: 2026,
        memberId,
        form: {
          kind: 'qd213-full',
          criteria: { c1: 1, c2: 1, c3: 1, c4: 1, c5: 1 },
          proposal: 'none',
          otherComments: '',
        },
      },
    );

    // Act
    await world.emu.sendUserMessage({ user: chairUser, text: '/nhanxet' });
    const pick = world.emu.lastBotMessage(chairUser.id);
    // The member's button carries the draft's mark: found by the name.
    const memberButton =
      pick?.replyMarkup?.inline_keyboard.flat().find((b) => b.text.startsWith('Lê Văn Cường'))?.text ?? '';
    await world.emu.pressButton({ user: chairUser, messageId: pick?.messageId ?? 0, text: memberButton });
    const saved = world.emu.lastBotMessage(chairUser.id);
    await world.emu.pressButton({ user: chairUser, messageId: saved?.messageId ?? 0, text: 'Gửi' });
    const refusal = world.emu.lastBotMessage(chairUser.id)?.text;

    // Assess
    expect(refusal).toContain('nhận xét phải được chi ủy chi bộ ấp ký');
    expect((await world.repos.evaluations.get(RESIDENCE, 2026, memberId))?.status).toBe('draft');
  });

  it('counts an exempt member’s comment as owed once requested: in the report, the deadline reminder and the workplace’s view', async () => {
    // Prepare
    const sailor = await addMember(world, { fullName: 'Đặng Văn Hải', category: 'armed_forces' });
    await world.repos.members.addExemption({
      id: 'ex-hai',
      memberId: sailor.id,
      reason: 'Ở tập trung tại đơn vị',
      from: '2026-01-01',
      category: 'armed_forces_barracks',
      confirmedBy: 'work-1',
      confirmedAt: '2026-01-05T02:00:00Z',
    });
    const ports = { ...world.repos, clock: world.clock };
    const reminders = { ...(await remindersOf(world.deps)()), ...world.repos };
    const counts = async () => {
      const { report } = await compileOctoberReport(ports, RESIDENCE, 2026);
      // The day after the end of October: the comments' last round, counting what is left.
      const run = await chaseDeadlines(reminders, RESIDENCE, new Date('2026-11-01T02:00:00Z'));
      const view = await workplaceYearEnd(
        ports,
        { sub: 'work-1', orgId: WORKPLACE, role: 'workplace_staff' },
        { workplaceOrgId: WORKPLACE, year: 2026, limit: 50 },
      );
      return {
        due: report.body.evaluations.due,
        left: run.evaluationsLeft,
        missing: view.items.find((row) => row.memberId === sailor.id)?.missing.evaluation,
      };
    };
    const before = await counts();

    // Act
    await recordCommentRequest(
      ports,
      { sub: 'res-1', orgId: RESIDENCE, role: 'residence_staff' },
      {
        orgId: RESIDENCE,
        year: 2026,
        memberId: sailor.id,
        reason: 'reward',
        requestedBy: 'Chi bộ Sở Y tế',
        requestedOn: '2026-11-20',
      },
    );
    const after = await counts();

    // Assess: before the request the member owes no routine comment (33-HD/BTCTW); after it, one is owed.
    expect(before.missing).toBe(false);
    expect(after.missing).toBe(true);
    expect(after.due - before.due).toBe(1);
    expect(after.left - before.left).toBe(1);
  });
});
