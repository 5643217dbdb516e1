// Integration (issue 19 item 3): «Tham dự» in one read and one transaction through the webhook handler, on
// DynamoDB Local and the Telegram emulator — the calls counted, a redelivered update, a double press, a press
// after the meeting was moved or cancelled, and an invitation made before the letter was kept on it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as rescheduleRoute } from '../../../functions/http/meeting-reschedule.js';
import type { ApiCall } from '../../../local/telegram-emulator/state.js';
import { type Meeting, meetingId } from '../../../shared/domain/meeting.js';
import type { Member } from '../../../shared/domain/member.js';
import { anInvitedMember, type InvitedMember } from '../../support/bot-invitations.js';
import { aPlannedMeeting, type BotWorld, createBotWorld, RESIDENCE, STAFF } from '../../support/bot-world.js';
import { call } from '../../support/http.js';

describe('Feature: the RSVP press that costs one round trip (issue 19)', () => {
  let world: BotWorld;
  let meeting: Meeting;
  /** The DynamoDB commands sent by anyone in this process while `counting` (the handler runs in-process). */
  let dynamoCalls: string[] = [];
  let counting = false;
  const MIDDLEWARE = 'rsvp-press-test-counter';

  beforeAll(async () => {
    world = await createBotWorld();
    meeting = await aPlannedMeeting(world);
    // The document client shares the low-level client's stack: every command of the repositories passes here.
    world.table.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (counting) dynamoCalls.push(String(context.commandName));
        return next(args);
      },
      { step: 'finalizeRequest', name: MIDDLEWARE },
    );
  });
  afterEach(() => {
    counting = false;
    dynamoCalls = [];
  });
  afterAll(async () => {
    world.table.client.middlewareStack.remove(MIDDLEWARE);
    await world.close();
  });

  /** The DynamoDB commands and the Bot API calls (the webhook's reply included) one delivery costs. */
  async function measured<T>(
    act: () => Promise<T>,
  ): Promise<{ result: T; dynamo: string[]; bot: ApiCall[] }> {
    const since = world.emu.calls.at(-1)?.seq ?? 0;
    dynamoCalls = [];
    counting = true;
    const result = await act();
    counting = false;
    return { result, dynamo: [...dynamoCalls], bot: world.emu.calls.filter((c) => c.seq > since) };
  }

  const byMethod = (calls: ApiCall[]) =>
    calls
      .map((c) => ({ method: c.method, viaWebhookReply: c.viaWebhookReply === true }))
      .sort((a, b) => a.method.localeCompare(b.method));

  const rsvpEvents = async (member: Member) =>
    (await world.repos.outbox.pending(1000)).events.filter(
      (e) => e.type === 'RsvpRecorded' && e.data.memberId === member.id && e.data.meetingId === meeting.id,
    );

  /** A June meeting of the ward in another year (one meeting per committee, year and round: R8). */
  async function aMeetingOf(year: number): Promise<Meeting> {
    const other = {
      ...meeting,
      id: meetingId(RESIDENCE, year, 'june'),
      year,
      date: `${year}-06-19`,
      version: 1,
    };
    await world.repos.meetings.create(other);
    return other;
  }

  const pressAttend = (invited: InvitedMember) =>
    world.emu.pressButton({ user: invited.user, messageId: invited.messageId, text: 'Tham dự' });

  it('stores «Tham dự» with one BatchGetItem and one TransactWriteItems, answers in the webhook reply and edits the letter with one call', async () => {
    // Prepare
    const invited = await anInvitedMember(world, meeting, 'Đặng Văn Một');

    // Act
    const { result: pressed, dynamo, bot } = await measured(() => pressAttend(invited));

    // Assess: one read and one transaction on the server; one Bot API call, the answer riding in the response.
    expect(pressed.status).toBe(200);
    expect(dynamo).toEqual(['BatchGetItemCommand', 'TransactWriteItemsCommand']);
    expect(byMethod(bot)).toEqual([
      { method: 'answerCallbackQuery', viaWebhookReply: true },
      { method: 'editMessageText', viaWebhookReply: false },
    ]);
    expect(world.emu.callbackAnswer(pressed.update.callback_query?.id ?? '')).toEqual({
      text: 'Đã ghi nhận: Tham dự. Cảm ơn đồng chí!',
    });
    const letter = world.emu.message(invited.user.id, invited.messageId);
    expect(letter?.text).toContain('Đảng ủy phường An Hòa');
    expect(letter?.text).toContain('Đồng chí đã trả lời: THAM DỰ.');
    expect(letter?.replyMarkup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['Tham dự', 'Vắng mặt']);
    expect(await world.repos.invitations.get(meeting.id, invited.member.id)).toMatchObject({
      rsvp: 'attending',
      version: 2,
    });
    expect(await rsvpEvents(invited.member)).toHaveLength(1);
    // The claim is in the same transaction: a redelivery of this update is recognised as handled.
    expect(await world.repos.idempotency.status('telegram-update', String(pressed.update.update_id))).toBe(
      'completed',
    );
  });

  it('applies a redelivered update once: one answer, one edit, one event, and the redelivery acknowledged', async () => {
    // Prepare
    const invited = await anInvitedMember(world, meeting, 'Đặng Văn Hai');
    const update = world.emu.nextUpdate.callbackQuery({
      user: invited.user,
      messageId: invited.messageId,
      text: 'Tham dự',
    });
    const first = await world.emu.deliver(update);

    // Act: Telegram got no 200 in time and sends the same update again.
    const { result: again, bot } = await measured(() => world.emu.deliver(update));

    // Assess
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(bot).toEqual([]);
    expect(await world.repos.invitations.get(meeting.id, invited.member.id)).toMatchObject({
      rsvp: 'attending',
      version: 2,
    });
    expect(await rsvpEvents(invited.member)).toHaveLength(1);
  });

  it('takes a double press as one answer: the second says it was recorded already and writes no event', async () => {
    // Prepare
    const invited = await anInvitedMember(world, meeting, 'Đặng Văn Ba');

    // Act: two presses (two updates) at once, then one more after them.
    const [a, b] = await Promise.all([pressAttend(invited), pressAttend(invited)]);
    const { result: third, dynamo } = await measured(() => pressAttend(invited));

    // Assess
    expect([a.status, b.status, third.status]).toEqual([200, 200, 200]);
    const toasts = [a, b]
      .map((p) => world.emu.callbackAnswer(p.update.callback_query?.id ?? '')?.text)
      .sort();
    expect(toasts).toEqual([
      'Câu trả lời này đã được ghi nhận từ trước.',
      'Đã ghi nhận: Tham dự. Cảm ơn đồng chí!',
    ]);
    expect(world.emu.callbackAnswer(third.update.callback_query?.id ?? '')?.text).toBe(
      'Câu trả lời này đã được ghi nhận từ trước.',
    );
    // Nothing to change: still one read and one transaction (the claim and the checks).
    expect(dynamo).toEqual(['BatchGetItemCommand', 'TransactWriteItemsCommand']);
    expect(await world.repos.invitations.get(meeting.id, invited.member.id)).toMatchObject({
      rsvp: 'attending',
      version: 2,
    });
    expect(await rsvpEvents(invited.member)).toHaveLength(1);
  });

  it('ends an absence dialogue in the same transaction when the member changes to «Tham dự»', async () => {
    // Prepare: absent with a category; the bot now waits for the reason's text.
    const invited = await anInvitedMember(world, meeting, 'Đặng Văn Tám');
    await world.emu.pressButton({ user: invited.user, messageId: invited.messageId, text: 'Vắng mặt' });
    await world.emu.pressButton({ user: invited.user, messageId: invited.messageId, text: 'Ốm đau' });
    const waiting = await world.repos.drafts.get('telegram', String(invited.user.id));

    // Act
    const { dynamo } = await measured(() => pressAttend(invited));

    // Assess
    expect(waiting?.kind).toBe('absence_text');
    expect(dynamo).toEqual(['BatchGetItemCommand', 'TransactWriteItemsCommand']);
    expect(await world.repos.drafts.get('telegram', String(invited.user.id))).toBeUndefined();
    const invitation = await world.repos.invitations.get(meeting.id, invited.member.id);
    expect(invitation?.rsvp).toBe('attending');
    expect(invitation?.absence).toBeUndefined();
    expect(
      (await world.repos.chatLinks.byChat('telegram', String(invited.user.id)))?.lastActiveAt,
    ).toBeDefined();
  });

  it('records a press after the meeting moved, and the letter shows the new time (not the copy on the invitation)', async () => {
    // Prepare: a meeting of its own, moved after its letter went out (the invitation still has the old copy).
    const moving = await aMeetingOf(2027);
    const invited = await anInvitedMember(world, moving, 'Đặng Văn Bốn');
    const current = (await world.repos.meetings.get(moving.id)) ?? moving;
    await world.repos.meetings.save(
      {
        ...current,
        time: '14:30',
        rescheduled: {
          by: STAFF.chair?.id ?? '',
          at: world.clock.now().toISOString(),
          previous: { date: current.date, time: current.time, place: current.place },
        },
        version: current.version + 1,
      },
      current.version,
    );

    // Act
    const pressed = await pressAttend(invited);

    // Assess
    expect(world.emu.callbackAnswer(pressed.update.callback_query?.id ?? '')).toEqual({
      text: 'Đã ghi nhận: Tham dự. Cảm ơn đồng chí!',
    });
    const letter = world.emu.message(invited.user.id, invited.messageId)?.text ?? '';
    expect(letter).toContain('14:30');
    expect(letter).toContain('Lịch họp đã được thay đổi; thông tin trên là lịch mới.');
    expect(await world.repos.invitations.get(moving.id, invited.member.id)).toMatchObject({
      rsvp: 'attending',
      version: 2,
    });
  });

  it('takes the one-read path again after a move through the staff route: the letter on the invitation follows the meeting', async () => {
    // Prepare: moved by its chair over HTTP after its letter went out; the move's task updates the invitations.
    const moving = await aMeetingOf(2029);
    const invited = await anInvitedMember(world, moving, 'Đặng Văn Bảy');
    const moved = await call(
      rescheduleRoute(() => world.deps),
      {
        method: 'POST',
        route: '/meetings/{id}/reschedule',
        pathParameters: { id: moving.id },
        body: { time: '15:00' },
        principal: { sub: 'chair-1', orgId: RESIDENCE, role: 'chair' },
      },
    );
    // Issue 19: the route queues the invitations' update; the worker runs it.
    await world.queue.drain();

    // Act
    const { result: pressed, dynamo } = await measured(() => pressAttend(invited));

    // Assess
    expect(moved.status).toBe(202);
    expect(dynamo).toEqual(['BatchGetItemCommand', 'TransactWriteItemsCommand']);
    expect(world.emu.callbackAnswer(pressed.update.callback_query?.id ?? '')?.text).toBe(
      'Đã ghi nhận: Tham dự. Cảm ơn đồng chí!',
    );
    const letter = world.emu.message(invited.user.id, invited.messageId)?.text ?? '';
    expect(letter).toContain('15:00');
    expect(letter).toContain('Lịch họp đã được thay đổi; thông tin trên là lịch mới.');
  });

  it('refuses a press after the meeting was cancelled, even before its invitations are marked, and records nothing', async () => {
    // Prepare: cancelled after the letter went out; the invitations are not marked yet (that runs after).
    const cancelled = await aMeetingOf(2028);
    const invited = await anInvitedMember(world, cancelled, 'Đặng Văn Năm');
    const current = (await world.repos.meetings.get(cancelled.id)) ?? cancelled;
    await world.repos.meetings.save(
      {
        ...current,
        status: 'cancelled',
        cancellation: { reason: 'Bão số 5', by: STAFF.chair?.id ?? '', at: world.clock.now().toISOString() },
        version: current.version + 1,
      },
      current.version,
    );

    // Act
    const pressed = await pressAttend(invited);

    // Assess
    expect(world.emu.callbackAnswer(pressed.update.callback_query?.id ?? '')).toEqual({
      text: 'Cuộc họp đã bị hủy.',
      show_alert: true,
    });
    expect(world.emu.message(invited.user.id, invited.messageId)?.text).toContain(
      'CUỘC HỌP ĐÃ BỊ HỦY. Lý do: Bão số 5',
    );
    expect(await world.repos.invitations.get(cancelled.id, invited.member.id)).toMatchObject({
      rsvp: 'none',
      version: 1,
    });
    expect(
      (await world.repos.outbox.pending(1000)).events.filter(
        (e) => e.type === 'RsvpRecorded' && e.data.meetingId === cancelled.id,
      ),
    ).toEqual([]);
  });

  it('still records a press on an invitation made before the letter was kept on it (the path that reads the meeting)', async () => {
    // Prepare
    const invited = await anInvitedMember(world, meeting, 'Đặng Văn Sáu', {}, { copy: false });

    // Act
    const { result: pressed, dynamo } = await measured(() => pressAttend(invited));

    // Assess
    expect(world.emu.callbackAnswer(pressed.update.callback_query?.id ?? '')).toEqual({
      text: 'Đã ghi nhận: Tham dự. Cảm ơn đồng chí!',
    });
    expect(world.emu.message(invited.user.id, invited.messageId)?.text).toContain(
      'Đồng chí đã trả lời: THAM DỰ.',
    );
    expect(await world.repos.invitations.get(meeting.id, invited.member.id)).toMatchObject({
      rsvp: 'attending',
      version: 2,
    });
    expect(await rsvpEvents(invited.member)).toHaveLength(1);
    // The older path: more than one read (the claim, the actor, the meeting, the invitation, the committee).
    expect(dynamo.filter((c) => c === 'GetItemCommand').length).toBeGreaterThan(1);
  });
});
