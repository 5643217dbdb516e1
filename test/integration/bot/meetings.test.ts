// Integration: planning the contact meeting — the /hop wizard (state kept in the table across cold starts)
// and POST /committees/{id}/meetings; R8 warnings, one meeting per committee, year and round.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookHandler } from '../../../bot/lambda/telegram.js';
import { createHandler as planRoute } from '../../../functions/http/plan-meeting.js';
import type { planMeeting } from '../../../shared/services/meetings.js';
import {
  aUser,
  type BotWorld,
  createBotWorld,
  link,
  postUpdate,
  RESIDENCE,
  SECRET,
  STAFF,
} from '../../support/bot-world.js';
import { call, type ErrorJson } from '../../support/http.js';

describe('Feature: planning a meeting', () => {
  let world: BotWorld;
  const chairUser = aUser('Chủ');

  beforeAll(async () => {
    world = await createBotWorld();
    await link(world, chairUser, { kind: 'staff', id: STAFF.chair?.id ?? '' });
    await world.repos.staff.put({
      id: 'res-2',
      orgId: RESIDENCE,
      role: 'residence_staff',
      fullName: 'Ngô Văn Phó',
      standing: true,
    });
  });
  afterAll(async () => {
    await world.close();
  });

  const last = () => world.emu.lastBotMessage(chairUser.id);
  const labels = () =>
    last()
      ?.replyMarkup?.inline_keyboard.flat()
      .map((b) => b.text) ?? [];
  const press = (text: string) =>
    world.emu.pressButton({ user: chairUser, messageId: last()?.messageId ?? 0, text });
  const type = (text: string) => world.emu.sendUserMessage({ user: chairUser, text });

  it('guides round → date (typed) → time → place (typed) → chair → agenda → confirm, warning about a weekday (R8)', async () => {
    // Act
    await type('/hop');
    const rounds = labels();
    await press('Đợt tháng 6/2026');
    const dates = labels();
    await type('32/06/2026');
    const badDate = last()?.text;
    await type('15/06/2026'); // a Monday
    await press('07:30');
    await type('Nhà văn hóa khu vực 3');
    const chairs = labels();
    await press('Ngô Văn Phó');
    await press('Dùng nội dung theo hướng dẫn');
    const summary = last()?.text;
    await press('Xác nhận');

    // Assess
    expect(rounds).toEqual(['Đợt tháng 6/2026', 'Đợt tháng 10/2026', 'Hủy']);
    expect(dates.slice(0, 3)).toEqual(['T7 06/06/2026', 'CN 07/06/2026', 'T7 13/06/2026']);
    expect(badDate).toContain('Ngày chưa đúng');
    expect(chairs).toEqual(['Trần Văn Chủ', 'Ngô Văn Phó', '« Quay lại', 'Hủy']);
    expect(summary).toContain('• Thời gian: 07:30, Thứ Hai, ngày 15/06/2026');
    expect(summary).toContain('• Địa điểm: Nhà văn hóa khu vực 3');
    expect(summary).toContain('Lưu ý:');
    expect(summary).toContain('Ngày họp không phải thứ Bảy hoặc Chủ nhật');
    expect(last()?.text).toContain('Đã lên lịch cuộc họp đợt tháng 6/2026: 07:30, Thứ Hai, ngày 15/06/2026');
    expect(last()?.text).toContain('Dùng /moi để gửi thư mời đến đảng viên.');
    expect(await world.repos.meetings.get(`${RESIDENCE}.2026.06`)).toMatchObject({
      date: '2026-06-15',
      time: '07:30',
      place: 'Nhà văn hóa khu vực 3',
      chairStaffId: 'res-2',
      chairName: 'Ngô Văn Phó',
      plannedBy: 'chair-1',
      status: 'planned',
    });
    expect(await world.repos.drafts.get('telegram', String(chairUser.id))).toBeUndefined();
    expect((await world.repos.outbox.get(`MeetingPlanned:${RESIDENCE}.2026.06`))?.status).toBe('pending');
  });

  it('keeps the wizard in the table: a new Lambda container carries on; old and cancelled wizards are stale', async () => {
    // Prepare
    await type('/meeting');
    const first = last();
    await type('/hop'); // a new wizard replaces the first one
    const rounds = labels();
    const coldDeps = world.coldStart();
    const cold = createWebhookHandler(() => coldDeps);

    // Act
    await press('Đợt tháng 10/2026');
    const nextUpdate = world.emu.nextUpdate.callbackQuery({
      user: chairUser,
      messageId: last()?.messageId ?? 0,
      text: 'CN 04/10/2026',
    });
    const warmStatus = await postUpdate(world, nextUpdate);
    const draftAfter = await world.repos.drafts.get('telegram', String(chairUser.id));
    const stale = await world.emu.pressButton({
      user: chairUser,
      messageId: first?.messageId ?? 0,
      text: 'Đợt tháng 10/2026',
    });
    const freshContainer = await call(cold, {
      method: 'POST',
      route: '/telegram/webhook',
      body: world.emu.nextUpdate.callbackQuery({
        user: chairUser,
        messageId: last()?.messageId ?? 0,
        text: '08:00',
      }),
      headers: { 'x-telegram-bot-api-secret-token': SECRET },
    });
    await press('Hủy');

    // Assess
    expect(rounds).toEqual(['Đợt tháng 10/2026', 'Đợt tháng 6/2027', 'Hủy']); // June 2026 is planned already
    expect(warmStatus).toBe(200);
    expect(draftAfter?.data).toMatchObject({ step: 'time', round: 'october', date: '2026-10-04' });
    expect(await world.repos.drafts.get('telegram', String(chairUser.id))).toBeUndefined();
    expect(world.emu.callbackAnswer(stale.update.callback_query?.id ?? '')).toEqual({
      text: 'Phiên lên lịch họp đã hết hạn. Đồng chí gõ /hop để bắt đầu lại.',
      show_alert: true,
    });
    expect(freshContainer.status).toBe(200);
    expect(last()?.text).toBe('Đã hủy việc lên lịch họp.');
    expect(await world.repos.meetings.get(`${RESIDENCE}.2026.10`)).toBeUndefined();
  });

  it('steps back with « Quay lại » at every step, and refuses a time typed at the place step instead of storing it as the place', async () => {
    // Prepare
    await type('/hop');
    const roundLabels = labels();
    await press('Đợt tháng 6/2027');
    await press('T7 05/06/2027');
    await press('08:00');

    // Act
    await type('19:30'); // meant for the time step
    const refusal = last()?.text;
    const refusalLabels = labels();
    const draftAfterRefusal = await world.repos.drafts.get('telegram', String(chairUser.id));
    await press('« Quay lại');
    const timePrompt = last()?.text;
    await press('19:30');
    await type('Nhà văn hóa khu vực 2');
    await press('« Quay lại'); // at the chair step: the place again
    const placePrompt = last()?.text;
    await type('Hội trường Đảng ủy phường An Hòa');
    await press('Ngô Văn Phó');
    await press('Dùng nội dung theo hướng dẫn');
    const confirmLabels = labels();
    await press('« Quay lại'); // at the summary: the agenda again
    const agendaPrompt = last()?.text;
    await press('Dùng nội dung theo hướng dẫn');
    await press('Xác nhận');

    // Assess
    expect(roundLabels).not.toContain('« Quay lại'); // nothing before the first step
    expect(refusal).toContain('giống giờ hoặc ngày họp, không phải địa điểm');
    expect(refusalLabels).toContain('« Quay lại');
    expect(draftAfterRefusal?.data).toMatchObject({ step: 'place', time: '08:00' });
    expect(draftAfterRefusal?.data).not.toHaveProperty('place');
    expect(timePrompt).toContain('Chọn giờ họp');
    expect(placePrompt).toContain('Gõ địa điểm họp');
    expect(confirmLabels).toEqual(['Xác nhận', 'Hủy', '« Quay lại']);
    expect(agendaPrompt).toContain('Gõ nội dung cuộc họp');
    expect(await world.repos.meetings.get(`${RESIDENCE}.2027.06`)).toMatchObject({
      date: '2027-06-05',
      time: '19:30',
      place: 'Hội trường Đảng ủy phường An Hòa',
      chairStaffId: 'res-2',
    });
  });

  it('refuses /hop to members and workplace staff', async () => {
    // Prepare
    const workplaceUser = aUser('Công');
    await link(world, workplaceUser, { kind: 'staff', id: STAFF.workplace?.id ?? '' });

    // Act
    await world.emu.sendUserMessage({ user: workplaceUser, text: '/hop' });

    // Assess
    expect(world.emu.lastBotMessage(workplaceUser.id)?.text).toBe(
      'Chỉ cán bộ cấp ủy nơi cư trú mới lên lịch họp.',
    );
  });

  describe('POST /committees/{id}/meetings', () => {
    /** What the route answers: the meeting and R8's warnings (the use case's result), or the error body. */
    type Planned = Pick<Awaited<ReturnType<typeof planMeeting>>, 'meeting' | 'warnings'> & Partial<ErrorJson>;
    const post = (body: unknown, role: 'chair' | 'workplace_staff' = 'chair', orgId = RESIDENCE) =>
      call<Planned>(
        planRoute(() => world.deps),
        {
          method: 'POST',
          route: '/committees/{id}/meetings',
          pathParameters: { id: RESIDENCE },
          body,
          principal: { sub: role === 'chair' ? 'chair-1' : 'work-1', orgId, role },
        },
      );
    const october = {
      year: 2026,
      round: 'october',
      date: '2026-09-30',
      time: '19:30',
      place: 'Hội trường Đảng ủy phường An Hòa',
      chairStaffId: 'chair-1',
    };

    it('plans with warnings (not a weekend, not in October), replays the same plan, refuses a second one for the round', async () => {
      // Act
      const first = await post(october);
      const replay = await post(october);
      const second = await post({ ...october, date: '2026-10-10' });
      const june = await post({ ...october, round: 'june', date: '2026-06-27' });

      // Assess
      expect(first.status).toBe(201);
      expect(first.json.warnings).toEqual(['not_weekend', 'not_in_round_month']);
      expect(first.json.meeting).toMatchObject({ id: `${RESIDENCE}.2026.10`, chairName: 'Trần Văn Chủ' });
      expect(first.json.meeting.agenda).toContain('Thông báo kết quả thực hiện nghị quyết');
      expect(replay.status).toBe(200);
      expect(second.status).toBe(409);
      expect(second.json.error?.code).toBe('meeting_exists');
      expect(june.status).toBe(409);
    });

    it('answers 403 to workplace staff, 400 to a chair from another committee or a bad body', async () => {
      // Act
      const workplace = await post({ ...october, year: 2027 }, 'workplace_staff', 'so-y-te');
      const foreignChair = await post({ ...october, year: 2027, chairStaffId: 'work-1' });
      const badBody = await post({ ...october, year: 2027, time: '25:00' });

      // Assess
      expect(workplace.status).toBe(403);
      expect(foreignChair.status).toBe(400);
      expect(badBody.status).toBe(400);
    });
  });
});
