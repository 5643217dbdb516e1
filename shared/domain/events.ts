// domain: the events published on the SNS topic (through the outbox), each with type, id, occurredAt and orgIds.

export const EVENT_TYPES = [
  'IntroductionIssued',
  'IntroductionReceived',
  'IntroductionEnded',
  'TravelNoticeRecorded',
  'MeetingPlanned',
  'MeetingRescheduled',
  'MeetingCancelled',
  'InvitationSent',
  'RsvpRecorded',
  'AbsenceReasonSubmitted',
  'AbsenceReasonConfirmed',
  'AbsenceReasonRejected',
  'AbsentWithoutNotice',
  'BothMeetingsMissed',
  'MinutesSigned',
  'MinutesAddendumProposed',
  'EvaluationRecorded',
  'OctoberReportCompiled',
  'CommentAnswered',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * An event carries ids, not personal data (names, phones, reasons): subscribers read what they need
 * from the table, so nothing personal travels through SNS or lands in its logs.
 */
export interface DomainEvent<T extends EventType = EventType> {
  type: T;
  /** Deterministic where the change is (e.g. `RsvpRecorded:<meeting>:<member>:<version>`), so retries dedupe. */
  id: string;
  occurredAt: string;
  /** The committees concerned, so subscribers can route to the right staff. */
  orgIds: string[];
  data: Record<string, string | number | boolean | null>;
}
