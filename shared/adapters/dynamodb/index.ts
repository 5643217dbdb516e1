// adapter: builds every DynamoDB repository over one table.
import { DynamoAbsenceNoticeRepository } from './absence-notice-repository.js';
import { DynamoAuditRepository } from './audit-repository.js';
import type { DynamoContext } from './client.js';
import { DynamoCommitteeRepository, DynamoStaffRepository } from './committee-repository.js';
import {
  DynamoCallbackDataStore,
  DynamoDraftStore,
  DynamoImportJobRepository,
  DynamoInvitationJobRepository,
} from './conversation-repositories.js';
import { DynamoDeletionRequestRepository } from './deletion-request-repository.js';
import { DynamoIntroductionRepository } from './introduction-repository.js';
import { DynamoJobRunRepository } from './job-run-repository.js';
import { DynamoInvitationRepository, DynamoMeetingRepository } from './meeting-repository.js';
import { DynamoMemberRepository } from './member-repository.js';
import { DynamoPrivacyRepository } from './privacy-repository.js';
import {
  DynamoCommentRepository,
  DynamoEvaluationRepository,
  DynamoMinutesRepository,
  DynamoReportRepository,
} from './record-repositories.js';
import { DynamoRsvpPressStore } from './rsvp-press-store.js';
import { DynamoStore } from './store.js';
import {
  DynamoAttemptCounter,
  DynamoChatLinkRepository,
  DynamoCounterRepository,
  DynamoIdempotencyStore,
  DynamoOutboxRepository,
} from './support-repositories.js';
import { DynamoYearEndRepository } from './year-end-repository.js';

export function createRepositories(ctx: DynamoContext) {
  const store = new DynamoStore(ctx);
  return {
    store,
    committees: new DynamoCommitteeRepository(store),
    staff: new DynamoStaffRepository(store),
    members: new DynamoMemberRepository(store),
    introductions: new DynamoIntroductionRepository(store),
    meetings: new DynamoMeetingRepository(store),
    invitations: new DynamoInvitationRepository(store),
    comments: new DynamoCommentRepository(store),
    minutes: new DynamoMinutesRepository(store),
    evaluations: new DynamoEvaluationRepository(store),
    reports: new DynamoReportRepository(store),
    idempotency: new DynamoIdempotencyStore(store),
    outbox: new DynamoOutboxRepository(store),
    chatLinks: new DynamoChatLinkRepository(store),
    drafts: new DynamoDraftStore(store),
    callbackData: new DynamoCallbackDataStore(store),
    invitationJobs: new DynamoInvitationJobRepository(store),
    jobRuns: new DynamoJobRunRepository(store),
    importJobs: new DynamoImportJobRepository(store),
    absenceNotices: new DynamoAbsenceNoticeRepository(store),
    yearEnd: new DynamoYearEndRepository(store),
    counters: new DynamoCounterRepository(store),
    attempts: new DynamoAttemptCounter(store),
    privacy: new DynamoPrivacyRepository(store),
    audit: new DynamoAuditRepository(store),
    deletionRequests: new DynamoDeletionRequestRepository(store),
    rsvpPresses: new DynamoRsvpPressStore(store),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
