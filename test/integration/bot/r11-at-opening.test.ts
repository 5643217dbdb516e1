// Integration: R11 when the evaluations open — the October meeting's minutes sealed (MinutesSigned) tells the
// workplace of each member who missed both meetings at once, before any evaluation is written, and once only:
// a redelivered event and a later save of that member's evaluation raise nothing more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifierPorts } from '../../../functions/chat-deps.js';
import type { DomainEvent } from '../../../shared/domain/events.js';
import type { Member } from '../../../shared/domain/member.js';
import { saveEvaluationDraft } from '../../../shared/services/evaluations.js';
import { notifyEvent } from '../../../shared/services/notifier.js';
import {
  addMember,
  aUser,
  type BotWorld,
  createBotWorld,
  link,
  RESIDENCE,
  relayAndNotify,
  STAFF,
} from '../../support/bot-world.js';
import { aMeeting, anInvitation } from '../../support/builders.js';

const OCTOBER = `${RESIDENCE}.2026.10`;
const NOTICE =
  'Đồng chí Hồ Văn Dũng vắng cả hai kỳ họp năm 2026 tại nơi cư trú mà không có lý do được xác nhận.';

describe('Feature: the workplace told of R11 when the evaluations open', () => {
  let world: BotWorld;
  const workplaceUser = aUser('Công');
  let absentee: Member;
  const sealed: DomainEvent<'MinutesSigned'> = {
    type: 'MinutesSigned',
    id: `MinutesSigned:${OCTOBER}`,
    occurredAt: '2026-10-18T03:00:00.000Z',
    orgIds: [RESIDENCE],
    data: { meetingId: OCTOBER, hash: 'h' },
  };

  /** The notifier handles the sealing event (as SNS delivers it), then the events it raised are relayed. */
  async function deliverSealing(): Promise<void> {
    const { messenger } = await world.deps.telegram();
    await notifyEvent(sealed, notifierPorts(world.deps, messenger));
    await relayAndNotify(world);
  }

  const told = () => world.emu.botMessages(workplaceUser.id).filter((m) => m.text === NOTICE);

  beforeAll(async () => {
    world = await createBotWorld({ now: '2026-10-18T12:00:00+07:00' });
    await world.repos.meetings.create(
      aMeeting({
        id: OCTOBER,
        residenceOrgId: RESIDENCE,
        round: 'october',
        date: '2026-10-18',
        status: 'held',
      }),
    );
    const present = await addMember(world, { fullName: 'Lê Văn Cường' });
    absentee = await addMember(world, { fullName: 'Hồ Văn Dũng', hamletId: 'kv-3' });
    for (const [month, date] of [
      ['06', '2026-06-20'],
      ['10', '2026-10-18'],
    ] as const) {
      for (const [member, attendance] of [
        [absentee, 'absent'],
        [present, 'present'],
      ] as const) {
        await world.repos.invitations.createOnce(
          anInvitation({
            meetingId: `${RESIDENCE}.2026.${month}`,
            memberId: member.id,
            memberName: member.fullName,
            meetingDate: date,
            attendance,
          }),
        );
      }
    }
    await link(world, workplaceUser, { kind: 'staff', id: STAFF.workplace?.id ?? '' });
  });
  afterAll(async () => {
    await world.close();
  });

  it('tells the workplace when the October minutes are sealed, before any evaluation is written', async () => {
    // Act
    await deliverSealing();

    // Assess
    expect(told()).toHaveLength(1);
    expect(await world.repos.evaluations.get(RESIDENCE, 2026, absentee.id)).toBeUndefined();
    expect(await world.repos.evaluations.bothMeetingsMissedNoticed(absentee.id, 2026)).toBe(true);
  });

  it('raises nothing more when the event comes again or the evaluation is saved later', async () => {
    // Act
    await deliverSealing();
    await saveEvaluationDraft(
      { ...world.repos, clock: world.clock },
      { sub: STAFF.residence?.id ?? '', orgId: RESIDENCE, role: 'residence_staff' },
      {
        orgId: RESIDENCE,
        year: 2026,
        memberId: absentee.id,
        form: {
          kind: 'hd02-4duties',
          proposal: 'criticise',
          duties: {
            d1: { mark: 'not_good', comment: 'Vắng họp' },
            d2: { mark: 'good', comment: 'Tốt' },
            d3: { mark: 'good', comment: 'Tốt' },
            d4: { mark: 'good', comment: 'Tốt' },
          },
        },
      },
    );
    await relayAndNotify(world);

    // Assess
    expect(told()).toHaveLength(1);
  });
});
