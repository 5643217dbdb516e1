// unit tests: whether a member owes the year's comment (R17, 33-HD/BTCTW), as the deadlines' reminders and the
// workplace's year-end view both ask it — and that the comment request is read for exempt members only.
import { describe, expect, it } from 'vitest';
import type { CommentRequest } from '../../../shared/domain/evaluation.js';
import type { Exemption } from '../../../shared/domain/travel-and-exemption.js';
import { type CommentSubject, owesComment } from '../../../shared/services/comment-owed.js';

const exemption: Exemption = {
  id: 'ex-1',
  memberId: 'm-1',
  reason: 'Công tác trong doanh trại',
  from: '2027-01-01',
  category: 'armed_forces_barracks',
  confirmedBy: 'staff-w',
  confirmedAt: '2027-01-02T00:00:00.000Z',
};
const subject = (exemptions: Exemption[]): CommentSubject => ({
  orgId: 'ward-1',
  year: 2027,
  memberId: 'm-1',
  category: 'regular',
  exemptions,
  on: '2027-10-01',
});

/** The one port read, counting its calls; `requested` says whether a request is stored. */
function evaluations(requested: boolean) {
  const reads: string[] = [];
  return {
    reads,
    getCommentRequest: async (residenceOrgId: string, year: number, memberId: string) => {
      reads.push(`${residenceOrgId}/${year}/${memberId}`);
      const request: CommentRequest = {
        residenceOrgId,
        memberId,
        year,
        reason: 'appointment',
        requestedBy: 'Đảng ủy cơ quan',
        requestedOn: '2027-09-01',
        recordedBy: 'staff-r',
        recordedAt: '2027-09-02T00:00:00.000Z',
      };
      return requested ? request : undefined;
    },
  };
}

describe('Use case: owesComment', () => {
  it('a member without an exemption owes the comment, and no request is read', async () => {
    // Prepare
    const port = evaluations(false);

    // Act
    const owed = await owesComment(port, 'qd213-2020', subject([]));

    // Assess
    expect(owed).toBe(true);
    expect(port.reads).toEqual([]);
  });

  it('under qd213-2020 an introduced-but-exempt member owes one only once it is requested', async () => {
    // Prepare
    const none = evaluations(false);
    const requested = evaluations(true);

    // Act
    const withoutRequest = await owesComment(none, 'qd213-2020', subject([exemption]));
    const withRequest = await owesComment(requested, 'qd213-2020', subject([exemption]));

    // Assess
    expect(withoutRequest).toBe(false);
    expect(withRequest).toBe(true);
    expect(none.reads).toEqual(['ward-1/2027/m-1']);
  });

  it('an exemption that no longer covers the day owes the comment; hd02-2011 exempts nobody', async () => {
    // Prepare
    const port = evaluations(false);
    const ended = { ...exemption, until: '2027-06-30' };

    // Act
    const afterExemption = await owesComment(port, 'qd213-2020', subject([ended]));
    const underHd02 = await owesComment(port, 'hd02-2011', subject([exemption]));

    // Assess
    expect(afterExemption).toBe(true);
    expect(underHd02).toBe(true);
    expect(port.reads).toEqual([]);
  });
});
