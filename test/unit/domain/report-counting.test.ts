// unit tests: the October report's counting, record by record, without a store — attendance by hamlet (R22),
// absentees on their excuse's line (R3, R4), evaluations (R17), and an active member's lines, R11 flag and debt
// under each rule set (qd213-2020's exempt members owe a comment only once it is requested).
import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../shared/domain/evaluation.js';
import { emptyReportBody } from '../../../shared/domain/report.js';
import {
  type ActiveMember,
  type CountRules,
  countAbsentee,
  countActiveMember,
  countAttendance,
  countEvaluation,
  countRecordedMember,
  finishReportBody,
  needsCommentRequest,
  newMeetingTally,
} from '../../../shared/domain/report-counting.js';
import type { Exemption } from '../../../shared/domain/travel-and-exemption.js';
import { anInvitation } from '../../support/builders.js';

const JUNE = { id: 'm-jun', round: 'june' as const, date: '2026-06-20' };
const OCTOBER = { id: 'm-oct', round: 'october' as const, date: '2026-10-18' };
const RULES: CountRules = {
  ruleSet: 'hd02-2011',
  committeeId: 'phuong-an-hoa',
  today: '2026-11-05',
  on: '2026-10-31',
  evaluationsDue: '2026-10-31',
};
const BARRACKS: Exemption = {
  id: 'ex-1',
  memberId: 'm-1',
  reason: 'Ở doanh trại',
  from: '2026-01-01',
  category: 'armed_forces_barracks',
  confirmedBy: 'work-1',
  confirmedAt: '2026-01-05T02:00:00Z',
};

function anActiveMember(overrides: Partial<ActiveMember> = {}): ActiveMember {
  return {
    memberId: 'm-1',
    category: 'regular',
    workplaceKind: 'workplace',
    invitations: [],
    submitted: false,
    commentRequested: false,
    ...overrides,
  };
}

function aSubmitted(memberId: string, proposal: Evaluation['form']['proposal']): Evaluation {
  return {
    residenceOrgId: 'phuong-an-hoa',
    memberId,
    year: 2026,
    ruleSet: 'qd213-2020',
    form: { kind: 'qd213-short', criteria: { c1: 1, c2: 2 }, proposal, otherComments: '' },
    flaggedR11: false,
    status: 'submitted',
    version: 2,
  };
}

describe('The October report counted record by record', () => {
  it('tallies attendance by meeting and by hamlet, and returns each absentee’s outcome', () => {
    // Prepare
    const tally = newMeetingTally(JUNE);

    // Act
    const outcomes = [
      countAttendance(
        tally,
        anInvitation({ meetingId: JUNE.id, memberId: 'a', attendance: 'present' }),
        'Ấp 1',
      ),
      countAttendance(
        tally,
        anInvitation({ meetingId: JUNE.id, memberId: 'b', hamletId: 'kv-2', attendance: 'absent' }),
        'Ấp 2',
      ),
      countAttendance(tally, anInvitation({ meetingId: JUNE.id, memberId: 'c', rsvp: 'attending' }), 'Ấp 1'),
    ];

    // Assess
    expect(outcomes).toEqual(['present', 'noReply', 'present']);
    expect(tally).toMatchObject({ invited: 3, present: 2 });
    expect(tally.units).toEqual([
      { id: 'kv-1', name: 'Ấp 1', invited: 2, present: 2 },
      { id: 'kv-2', name: 'Ấp 2', invited: 1, present: 0 },
    ]);
  });

  it('puts an absentee on the exempt line under an exemption, the travelling line inside a notice, else their own', () => {
    // Prepare
    const tally = newMeetingTally(OCTOBER);
    const notice = {
      id: 'tn-1',
      memberId: 'b',
      reason: 'Công tác',
      from: '2026-10-01',
      until: '2026-10-30',
      recordedBy: 'work-1',
      recordedAt: '2026-09-20T01:00:00Z',
    };

    // Act
    countAbsentee(tally, { exemptions: [BARRACKS] }, 'noReply');
    countAbsentee(tally, { travelNotices: [notice] }, 'absentUnconfirmed');
    countAbsentee(tally, undefined, 'absentConfirmed');

    // Assess
    expect(tally).toMatchObject({ absentExempt: 1, absentTravelling: 1, absentConfirmed: 1, noReply: 0 });
  });

  it('counts drafts apart, and a submitted evaluation by its proposal, its levels and the lists', () => {
    // Prepare
    const body = emptyReportBody();

    // Act
    countEvaluation(body, { ...aSubmitted('x', 'none'), status: 'draft' });
    countEvaluation(body, aSubmitted('b', 'commend'));
    countEvaluation(body, aSubmitted('a', 'commend'));
    countEvaluation(body, aSubmitted('c', 'criticise'));
    finishReportBody(body);

    // Assess
    expect(body.evaluations).toMatchObject({
      drafts: 1,
      done: 3,
      byProposal: { commend: 2, criticise: 1 },
      byLevel: { c1: { '1': 3 }, c2: { '2': 3 } },
    });
    expect(body.commendations).toEqual(['a', 'b']);
    expect(body.criticisms).toEqual(['c']);
  });

  it('counts pending and ended introductions, an ended one received only if it was', () => {
    // Prepare
    const body = emptyReportBody();

    // Act
    countRecordedMember(body, { status: 'issued' }, 'student', 'workplace');
    countRecordedMember(
      body,
      {
        status: 'ended',
        receipt: { hamletId: 'kv-1', receivedOn: '2026-02-01', receivedBy: 'res-1', receivedByName: 'Thư' },
      },
      'regular',
      undefined,
    );

    // Assess
    expect(body.members).toMatchObject({
      introduced: 2,
      pending: 1,
      ended: 1,
      received: 1,
      byCategory: { student: 1, regular: 1 },
      byWorkplaceKind: { workplace: 1 },
    });
  });

  it('owes every active member a comment under hd02-2011, missing once the end of October has passed', () => {
    // Prepare
    const body = emptyReportBody();

    // Act
    countActiveMember(body, RULES, anActiveMember({ memberId: 'a' }));
    countActiveMember(body, RULES, anActiveMember({ memberId: 'b', submitted: true }));
    countActiveMember(body, { ...RULES, today: '2026-10-20' }, anActiveMember({ memberId: 'c' }));

    // Assess
    expect(body.evaluations).toMatchObject({ due: 2, missing: 1 });
    expect(body.members).toMatchObject({ active: 3, received: 3, introduced: 3 });
  });

  it('owes a qd213 exempt member nothing until a comment is requested, and reads the request only for them', () => {
    // Prepare
    const qd213: CountRules = { ...RULES, ruleSet: 'qd213-2020' };
    const soldier = anActiveMember({ category: 'armed_forces', exemptions: [BARRACKS] });
    const unrequested = emptyReportBody();
    const requested = emptyReportBody();

    // Act
    countActiveMember(unrequested, qd213, soldier);
    countActiveMember(requested, qd213, { ...soldier, commentRequested: true });

    // Assess
    expect(unrequested.evaluations.due).toBe(0);
    expect(unrequested.members).toMatchObject({ exempt: 1, armedForces: 1 });
    expect(requested.evaluations.due).toBe(1);
    expect(needsCommentRequest(qd213, soldier)).toBe(true);
    expect(needsCommentRequest(qd213, { ...soldier, submitted: true })).toBe(false);
    expect(needsCommentRequest(qd213, anActiveMember())).toBe(false);
    expect(needsCommentRequest(RULES, soldier)).toBe(false);
  });

  it('flags a member who missed both meetings without a reason (R11), not one excused by a travel notice', () => {
    // Prepare
    const missed = [JUNE, OCTOBER].map((m) =>
      anInvitation({ meetingId: m.id, memberId: 'a', meetingDate: m.date, attendance: 'absent' }),
    );
    const body = emptyReportBody();
    const notice = {
      id: 'tn-1',
      memberId: 'b',
      reason: 'Công tác',
      from: '2026-06-01',
      until: '2026-06-30',
      recordedBy: 'work-1',
      recordedAt: '2026-05-20T01:00:00Z',
    };

    // Act
    countActiveMember(body, RULES, anActiveMember({ memberId: 'a', invitations: missed }));
    countActiveMember(
      body,
      RULES,
      anActiveMember({
        memberId: 'b',
        invitations: missed.map((i) => ({ ...i, memberId: 'b' })),
        travelNotices: [notice],
      }),
    );

    // Assess
    expect(body.bothMeetingsMissed).toEqual(['a']);
  });
});
