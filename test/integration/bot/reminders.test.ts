// Integration: the daily reminders job and the event plumbing (outbox relay on the table stream, notifier on SNS).
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent, SNSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitationWiring } from '../../../functions/chat-deps.js';
import { createHandler as remindersJob } from '../../../functions/jobs/reminders.js';
import { createHandler as notifierFunction } from '../../../functions/notifier.js';
import { createHandler as relayFunction } from '../../../functions/outbox-relay.js';
import { createLogger } from '../../../shared/adapters/logger.js';
import { DirectEventPublisher } from '../../../shared/adapters/memory/direct-publisher.js';
import type { DomainEvent } from '../../../shared/domain/events.js';
import type { Invitation } from '../../../shared/domain/invitation.js';
import type { Meeting } from '../../../shared/domain/meeting.js';
import type { EventPublisher } from '../../../shared/ports/messaging.js';
import { invitationPorts } from '../../../shared/services/invitation-wiring.js';
import { startInvitations } from '../../../shared/services/invitations.js';
import { relayPending } from '../../../shared/services/outbox-relay.js';
import { recordAnswer, submitAbsenceReason } from '../../../shared/services/rsvp.js';
import {
  addMember,
  aPlannedMeeting,
  aUser,
  type BotWorld,
  createBotWorld,
  link,
  RESIDENCE,
  STAFF,
} from '../../support/bot-world.js';

describe('Job: reminders', () => {
  let world: BotWorld;
  let meeting: Meeting;
  const chairUser = aUser('Chủ');
  const silent = aUser('Im');
  const coming = aUser('Đến');
  const away = aUser('Vắng');
  const ports = () => ({
    meetings: world.repos.meetings,
    invitations: world.repos.invitations,
    clock: world.clock,
  });

  beforeAll(async () => {
    world = await createBotWorld();
    meeting = await aPlannedMeeting(world); // Saturday 20/06/2026 08:00
    await link(world, chairUser, { kind: 'staff', id: STAFF.chair?.id ?? '' });
    for (const [user, name] of [
      [silent, 'Nguyễn Văn Im'],
      [coming, 'Trần Thị Đến'],
      [away, 'Lê Văn Vắng'],
    ] as const) {
      const member = await addMember(world, { fullName: name });
      await link(world, user, { kind: 'member', id: member.id });
    }
    await addMember(world, { fullName: 'Phạm Văn Không', phone: undefined });
    await startInvitations(
      { sub: 'chair-1', orgId: RESIDENCE, role: 'chair' },
      meeting.id,
      undefined,
      invitationPorts(invitationWiring(world.deps, (await world.deps.telegram()).messenger)),
    );
    await world.queue.drain();
    const sheet: Invitation[] = [];
    for await (const i of world.repos.invitations.streamSheet(meeting.id)) sheet.push(i);
    const idOf = (name: string) => sheet.find((i) => i.memberName === name)?.memberId ?? '';
    await recordAnswer(idOf('Trần Thị Đến'), meeting.id, { kind: 'attending' }, ports());
    await recordAnswer(idOf('Lê Văn Vắng'), meeting.id, { kind: 'absent', category: 'work' }, ports());
    await submitAbsenceReason(idOf('Lê Văn Vắng'), meeting.id, undefined, ports());
  });
  afterAll(async () => {
    await world.close();
  });

  const texts = (userId: number) => world.emu.botMessages(userId).map((m) => m.text ?? '');

  it('sends nothing a week before the meeting', async () => {
    // Act
    const result = await remindersJob(() => world.deps)({ now: '2026-06-13T08:00:00+07:00' });

    // Assess
    expect(result).toMatchObject({ total: 0, done: 0, failed: [], counts: {} });
  });

  it('three days before: the members with no answer (with the buttons) and the staff summary, once however often it runs', async () => {
    // Act
    const first = await remindersJob(() => world.deps)({ now: '2026-06-17T08:00:00+07:00' });
    const again = await remindersJob(() => world.deps)({ now: '2026-06-17T08:00:00+07:00' });
    const nextDay = await remindersJob(() => world.deps)({ now: '2026-06-18T08:00:00+07:00' });

    // Assess
    expect(first).toMatchObject({ total: 1, done: 1, failed: [], counts: { meetings: 1, sent: 2 } });
    expect(again?.counts).toEqual({ meetings: 1, sent: 2 }); // the same slot: its committee is done
    expect(nextDay?.counts.sent).toBe(0); // a run that missed a day would send the three-day reminder then
    const reminder = world.emu.lastBotMessage(silent.id);
    expect(reminder?.text).toContain('Kính gửi đồng chí Nguyễn Văn Im: còn 3 ngày nữa là đến cuộc họp');
    expect(reminder?.replyMarkup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['Tham dự', 'Vắng mặt']);
    expect(texts(coming.id).some((t) => t.includes('NHẮC LỊCH HỌP'))).toBe(false);
    expect(texts(away.id).some((t) => t.includes('NHẮC LỊCH HỌP'))).toBe(false);
    const summary = world.emu.lastBotMessage(chairUser.id)?.text;
    expect(summary).toContain('TÌNH HÌNH TRẢ LỜI THƯ MỜI — họp 20/06/2026 (còn 3 ngày)');
    expect(summary).toContain('• Được mời: 4');
    expect(summary).toContain('• Đã trả lời: 2 (tham dự 1, vắng mặt 1)');
    expect(summary).toContain('• Chưa trả lời: 2');
    expect(summary).toContain('• Lý do vắng mặt chờ cấp ủy nơi công tác xác nhận: 1');
  });

  it('one day before: the members attending, and the staff summary again', async () => {
    // Act
    const result = await remindersJob(() => world.deps)({ now: '2026-06-19T08:00:00+07:00' });

    // Assess
    expect(result).toMatchObject({ total: 1, done: 1, failed: [], counts: { meetings: 1, sent: 2 } });
    expect(world.emu.lastBotMessage(coming.id)?.text).toContain('ngày mai là cuộc họp giữ mối liên hệ');
    expect(texts(silent.id).filter((t) => t.includes('NHẮC LỊCH HỌP'))).toHaveLength(1);
    expect(world.emu.lastBotMessage(chairUser.id)?.text).toContain('(còn 1 ngày)');
  });

  it('sends nothing once the meeting has started', async () => {
    // Act
    const result = await remindersJob(() => world.deps)({ now: '2026-06-20T08:30:00+07:00' });

    // Assess
    expect(result?.total).toBe(0);
  });
});

describe('Function: outbox-relay and notifier', () => {
  let world: BotWorld;
  const logs: string[] = [];

  beforeAll(async () => {
    world = await createBotWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  async function outboxImage(eventId: string) {
    const out = await world.table.client.send(
      new GetItemCommand({
        TableName: world.table.tableName,
        Key: { pk: { S: `OUTBOX#${eventId}` }, sk: { S: '#EVENT' } },
      }),
    );
    return out.Item;
  }

  it('publishes the stream’s new outbox items, marks them sent, and stops at the first failure', async () => {
    // Prepare
    const meeting = await aPlannedMeeting(world);
    const other = (await world.repos.outbox.pending(10)).events.find(
      (e) => e.id === `MeetingPlanned:${meeting.id}`,
    );
    const published: DomainEvent[] = [];
    let failNext = false;
    const publisher: EventPublisher = {
      publish: async (event) => {
        if (failNext) throw new Error('SNS is down');
        published.push(event);
      },
    };
    const image = await outboxImage(`MeetingPlanned:${meeting.id}`);
    const record = (seq: string, eventName: 'INSERT' | 'MODIFY' = 'INSERT') => ({
      eventName,
      dynamodb: { SequenceNumber: seq, NewImage: image as never },
    });
    const handler = relayFunction(() => ({
      outbox: world.repos.outbox,
      publisher,
      logger: createLogger((l) => logs.push(l)),
    }));

    // Act
    const ok = await handler({ Records: [record('1'), record('2', 'MODIFY')] } as DynamoDBStreamEvent);
    failNext = true;
    const failed = await handler({ Records: [record('3'), record('4')] } as DynamoDBStreamEvent);

    // Assess
    expect(other).toBeDefined();
    expect(ok.batchItemFailures).toEqual([]);
    expect(published.map((e) => e.id)).toEqual([`MeetingPlanned:${meeting.id}`]);
    expect((await world.repos.outbox.get(`MeetingPlanned:${meeting.id}`))?.status).toBe('sent');
    expect(failed.batchItemFailures).toEqual([{ itemIdentifier: '3' }]);
  });

  it('keeps an event pending when publishing fails (the local poller)', async () => {
    // Prepare
    const member = await addMember(world, { fullName: 'Đinh Văn Lỗi' });
    await world.repos.invitations.createOnce({
      meetingId: `${RESIDENCE}.2026.06`,
      residenceOrgId: RESIDENCE,
      memberId: member.id,
      memberName: member.fullName,
      workplaceOrgId: 'so-y-te',
      hamletId: 'kv-1',
      meetingDate: '2026-06-20',
      delivery: 'sent',
      rsvp: 'none',
      attendance: 'unrecorded',
      version: 1,
    });
    await recordAnswer(
      member.id,
      `${RESIDENCE}.2026.06`,
      { kind: 'attending' },
      {
        meetings: world.repos.meetings,
        invitations: world.repos.invitations,
        clock: world.clock,
      },
    );

    // Act
    const down = await relayPending(world.repos.outbox, {
      publish: async () => Promise.reject(new Error('down')),
    });
    const up = await relayPending(world.repos.outbox, new DirectEventPublisher());

    // Assess
    expect(down).toEqual({ published: 0, failed: 1 });
    expect(up).toEqual({ published: 1, failed: 0 });
    expect(await world.repos.outbox.pending(10)).toEqual({ events: [], unreadable: [] });
  });

  it('sends each SNS event’s notice once per recipient, even when SNS delivers it twice; skips malformed messages', async () => {
    // Prepare
    const workplaceUser = aUser('Công');
    await link(world, workplaceUser, { kind: 'staff', id: STAFF.workplace?.id ?? '' });
    const member = await addMember(world, { fullName: 'Mai Văn Ốm' });
    const meetingId = `${RESIDENCE}.2026.06`;
    await world.repos.invitations.createOnce({
      meetingId,
      residenceOrgId: RESIDENCE,
      memberId: member.id,
      memberName: member.fullName,
      workplaceOrgId: 'so-y-te',
      hamletId: 'kv-1',
      meetingDate: '2026-06-20',
      delivery: 'sent',
      rsvp: 'none',
      attendance: 'unrecorded',
      version: 1,
    });
    const ports = {
      meetings: world.repos.meetings,
      invitations: world.repos.invitations,
      clock: world.clock,
    };
    await recordAnswer(member.id, meetingId, { kind: 'absent', category: 'illness' }, ports);
    const submitted = await submitAbsenceReason(member.id, meetingId, 'Sốt xuất huyết', ports);
    const event = (
      await world.repos.outbox.get(
        `AbsenceReasonSubmitted:${meetingId}:${member.id}:${submitted.invitation.version}`,
      )
    )?.event;
    const sns = (message: string) =>
      ({ Records: [{ Sns: { Message: message, MessageId: 'sns-1' } }] }) as unknown as SNSEvent;
    const notifier = notifierFunction(() => world.deps);
    const before = world.emu.botMessages(workplaceUser.id).length;

    // Act
    await notifier(sns(JSON.stringify(event)));
    await notifier(sns(JSON.stringify(event)));
    await notifier(sns('{"type":"Nope"}'));

    // Assess
    const cards = world.emu.botMessages(workplaceUser.id).slice(before);
    expect(cards).toHaveLength(1);
    expect(cards[0]?.text).toContain('Đảng viên Mai Văn Ốm báo vắng mặt');
    expect(cards[0]?.text).toContain('Lý do: Ốm đau — «Sốt xuất huyết»');
  });
});
