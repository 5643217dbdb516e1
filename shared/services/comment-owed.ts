// use case: whether a member owes this year's comment (R17), read the one way the deadlines' reminders and the
// workplace's year-end view both need it. Under qd213-2020 (33-HD/BTCTW) an introduced-but-exempt member owes
// no routine comment, only one that was requested; the request is a GetItem, so it is read for exempt members only.

import type { RuleSetId } from '../domain/committee.js';
import type { IsoDate } from '../domain/dates.js';
import { isEvaluationOwed } from '../domain/evaluation.js';
import type { MemberCategory } from '../domain/member.js';
import type { Exemption } from '../domain/travel-and-exemption.js';
import { isIntroducedButExempt } from '../domain/year-end.js';
import type { EvaluationRepository } from '../ports/repositories.js';

export interface CommentSubject {
  orgId: string;
  year: number;
  memberId: string;
  category: MemberCategory;
  exemptions: readonly Exemption[];
  /** The day the exemptions are read on. */
  on: IsoDate;
}

export async function owesComment(
  evaluations: Pick<EvaluationRepository, 'getCommentRequest'>,
  ruleSet: RuleSetId,
  subject: CommentSubject,
): Promise<boolean> {
  const exempt = isIntroducedButExempt(ruleSet, subject.category, subject.exemptions, subject.on);
  const requested =
    exempt &&
    (await evaluations.getCommentRequest(subject.orgId, subject.year, subject.memberId)) !== undefined;
  return isEvaluationOwed(ruleSet, exempt, requested);
}
