// ports: the business counters an operator watches (CloudWatch namespace LienHe); counts only, never who.

/** Every metric we emit; the platform's dashboard and alarms name these (docs/architecture.md, "Logs and metrics"). */
export const METRIC_NAMES = [
  /** An invitation reached the member's chat (R9), counted once per member and job run. */
  'InvitationsSent',
  /** The member has a chat link but no chat took the invitation (blocked the bot, chat gone). */
  'InvitationsUndeliverable',
  /** A member's answer stored (a changed answer counts again; a repeated press does not). */
  'RsvpsRecorded',
  /** The workplace confirmed or rejected an absence reason (R9). */
  'AbsenceReasonsDecided',
  /** A new version of a committee's October report stored (R22); identical numbers store nothing. */
  'ReportsCompiled',
  /** A scheduled job could not process one committee. */
  'JobCommitteesFailed',
  /** A link code refused past a limit: a chat guessing codes, or a used code tried again and again. */
  'LinkCodeAttemptsSuspicious',
  /** The Zalo OA token could not be refreshed (Zalo refused the refresh token, or the call failed): Zalo sends stop. */
  'ZaloTokenRefreshFailed',
  /** A proactive Zalo message past the month's free quota (still sent: it is paid, not refused). */
  'ZaloProactiveOverQuota',
] as const;

export type MetricName = (typeof METRIC_NAMES)[number];

export interface Metrics {
  /** Adds `value` (1 by default) to the counter; it is sent when the invocation ends. */
  count(name: MetricName, value?: number): void;
}

export const noMetrics: Metrics = { count: () => undefined };
