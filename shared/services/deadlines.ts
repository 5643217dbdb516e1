// use case: the year-end deadlines chased, one residence committee at a time (the daily job's task) — the
// staff are reminded of the comments still to write (R17, due at the end of October) and the members of
// their self-report (R19, due on the rule set's date): a week before, the day before, and once after; each
// (deadline, year, round, recipient) at most once however often the job runs.
import { type Committee, ruleSetOf } from '../domain/committee.js';
import { localDate, localYear } from '../domain/dates.js';
import {
  type DeadlineKind,
  type DeadlineRound,
  daysToDeadline,
  deadlineClaimKey,
  deadlineOf,
  deadlineRound,
} from '../domain/deadlines.js';
import { RESIDENCE_ROLES } from '../domain/roles.js';
import { ruleSetPolicy } from '../domain/rule-set.js';
import type { ChatMessenger, Notice } from '../ports/chat.js';
import type { Clock } from '../ports/common.js';
import { type Log, silentLog } from '../ports/log.js';
import type { SmsSender, ZnsSender } from '../ports/messaging.js';
import type {
  ChatLinkRepository,
  ChatSubject,
  CommitteeRepository,
  EvaluationRepository,
  IdempotencyStore,
  IntroductionRepository,
  MemberRepository,
  StaffRepository,
  YearEndRepository,
} from '../ports/repositories.js';
import { owesComment } from './comment-owed.js';
import { sendByPhone, sendToPreferredChat } from './notice-delivery.js';

export interface DeadlinePorts {
  committees: Pick<CommitteeRepository, 'get'>;
  introductions: Pick<IntroductionRepository, 'streamOfResidence'>;
  members: Pick<MemberRepository, 'factsOfMany' | 'get'>;
  evaluations: Pick<EvaluationRepository, 'ofCommittee' | 'getCommentRequest'>;
  yearEnd: Pick<YearEndRepository, 'getSelfReport'>;
  staff: Pick<StaffRepository, 'ofCommittee'>;
  chatLinks: Pick<ChatLinkRepository, 'ofSubject' | 'setBlocked'>;
  idempotency: Pick<IdempotencyStore, 'claim' | 'release'>;
  messenger: ChatMessenger;
  clock: Clock;
  log?: Log;
  /** A member no chat reaches gets the self-report reminder by phone, as they get invitations. */
  sms?: SmsSender;
  zns?: ZnsSender;
}

export interface DeadlineRun {
  /** The rounds due today for this committee (none outside the deadlines' windows). */
  rounds: Partial<Record<DeadlineKind, DeadlineRound>>;
  /** Evaluations owed and not submitted (counted only when their round is due). */
  evaluationsLeft: number;
  /** Active members without a self-report (counted only when their round is due). */
  selfReportsLeft: number;
  sent: number;
  failed: number;
}

const CLAIM_TTL_SECONDS = 400 * 24 * 3600;
const FACTS_BATCH = 100;

/** The rounds of reminders due on `today` under the committee's rule set (the dispatcher's filter too). */
export function dueRounds(
  committee: Pick<Committee, 'ruleSet'>,
  today: string,
): Partial<Record<DeadlineKind, DeadlineRound>> {
  const policy = ruleSetPolicy(ruleSetOf(committee));
  const year = Number(today.slice(0, 4));
  const rounds: Partial<Record<DeadlineKind, DeadlineRound>> = {};
  for (const kind of ['evaluations', 'self_report'] as const) {
    const round = deadlineRound(deadlineOf(policy, kind, year), today);
    if (round) rounds[kind] = round;
  }
  return rounds;
}

/** One residence committee's share of the daily deadlines job. */
export async function chaseDeadlines(ports: DeadlinePorts, orgId: string, now: Date): Promise<DeadlineRun> {
  const log = ports.log ?? silentLog;
  const run: DeadlineRun = { rounds: {}, evaluationsLeft: 0, selfReportsLeft: 0, sent: 0, failed: 0 };
  const committee = await ports.committees.get(orgId);
  if (committee?.kind !== 'residence') return run;
  const today = localDate(now);
  const year = localYear(now);
  const ruleSet = ruleSetOf(committee);
  const policy = ruleSetPolicy(ruleSet);
  run.rounds = dueRounds(committee, today);
  if (!run.rounds.evaluations && !run.rounds.self_report) return run;

  /** Once per recipient and round: the chat they chose, else (members) their phone; the claim goes back on failure. */
  const send = async (
    kind: DeadlineKind,
    round: DeadlineRound,
    subject: ChatSubject,
    notice: Notice,
  ): Promise<void> => {
    const key = deadlineClaimKey(orgId, kind, year, round, subject);
    if (!(await ports.idempotency.claim('deadline', key, CLAIM_TTL_SECONDS))) return;
    try {
      const chat = await sendToPreferredChat(subject, notice, ports);
      if (chat.via) {
        run.sent += 1;
        return;
      }
      if (subject.kind === 'member' && (ports.sms || ports.zns)) {
        const phone = (await ports.members.get(subject.id))?.phone;
        if (phone && (await sendByPhone(phone, notice, `deadline:${key}`, ports))) {
          run.sent += 1;
          return;
        }
      }
      // Nobody reached: the claim goes back, so a chat linked before the next run still gets it.
      await ports.idempotency.release('deadline', key);
    } catch (error) {
      await ports.idempotency.release('deadline', key);
      run.failed += 1;
      // No names, no ids of people: the committee and the deadline are enough to find the run.
      log.warn('deadline reminder not sent', { orgId, kind, errorName: (error as Error)?.name }, error);
    }
  };

  // The active members (received introductions) with their facts: who owes an evaluation (R17, qd213's
  // introduced-but-exempt members owe none) and who should send a self-report (R19).
  const submitted = new Set<string>();
  if (run.rounds.evaluations) {
    for await (const evaluation of ports.evaluations.ofCommittee(orgId, year)) {
      if (evaluation.status === 'submitted') submitted.add(evaluation.memberId);
    }
  }
  const selfReportMissing: { memberId: string; memberName: string }[] = [];
  let batch: { memberId: string; memberName: string }[] = [];
  const flush = async () => {
    const facts = await ports.members.factsOfMany(batch.map((m) => m.memberId));
    for (const m of batch) {
      const f = facts.get(m.memberId);
      const owed =
        run.rounds.evaluations &&
        !submitted.has(m.memberId) &&
        (await owesComment(ports.evaluations, ruleSet, {
          orgId,
          year,
          memberId: m.memberId,
          category: f?.member?.category ?? 'regular',
          exemptions: f?.exemptions ?? [],
          on: today,
        }));
      if (owed) run.evaluationsLeft += 1;
      if (run.rounds.self_report && !(await ports.yearEnd.getSelfReport(m.memberId, year))) {
        selfReportMissing.push(m);
      }
    }
    batch = [];
  };
  for await (const listed of ports.introductions.streamOfResidence(orgId, 'received')) {
    batch.push({ memberId: listed.introduction.memberId, memberName: listed.memberName });
    if (batch.length >= FACTS_BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  run.selfReportsLeft = selfReportMissing.length;

  const evaluationsRound = run.rounds.evaluations;
  if (evaluationsRound && run.evaluationsLeft > 0) {
    const due = deadlineOf(policy, 'evaluations', year);
    const staff = (await ports.staff.ofCommittee(orgId)).filter((s) => RESIDENCE_ROLES.includes(s.role));
    for (const person of staff) {
      await send(
        'evaluations',
        evaluationsRound,
        { kind: 'staff', id: person.id },
        {
          kind: 'evaluations_due',
          year,
          round: evaluationsRound,
          due,
          daysLeft: daysToDeadline(due, today),
          left: run.evaluationsLeft,
          committeeName: committee.name,
        },
      );
    }
  }
  const selfReportRound = run.rounds.self_report;
  if (selfReportRound) {
    const due = deadlineOf(policy, 'self_report', year);
    for (const m of selfReportMissing) {
      await send(
        'self_report',
        selfReportRound,
        { kind: 'member', id: m.memberId },
        {
          kind: 'self_report_due',
          year,
          round: selfReportRound,
          due,
          daysLeft: daysToDeadline(due, today),
          memberName: m.memberName,
        },
      );
    }
  }
  log.info('deadlines run', {
    orgId,
    count: run.evaluationsLeft + run.selfReportsLeft,
    sent: run.sent,
    failed: run.failed,
  });
  return run;
}
