// ports: the writes retention needs beyond the aggregates' own repositories (docs/privacy.md).
import type { Introduction } from '../domain/introduction.js';
import type { DeletionRequest } from '../domain/privacy.js';
import type { ChatSubject } from './repositories.js';

export interface PrivacyRepository {
  /**
   * Rewrites an introduction's stored member name and the index keys built from it (the residence's and the
   * workplace's collated lists), guarded by its version; the introduction itself is unchanged. False when
   * it changed meanwhile (the next run does it).
   */
  renameIntroduction(introduction: Introduction, memberName: string): Promise<boolean>;
  /**
   * Removes every chat account linked to the subject (the unique link and the owner's copy); a chat account
   * linked to someone else since keeps its link. Returns how many the subject had.
   */
  removeChatLinks(subject: ChatSubject): Promise<number>;
  /**
   * Replaces the reason of each of the member's travel notices (R3) and exemptions (R4), and of their copies
   * in the facts item, by `label`; the periods stay (the year end counts them). Returns how many changed.
   */
  clearFactReasons(memberId: string, label: string): Promise<number>;
  /** Whether every absence reason's text of the meeting was removed already (its sheet need not be read). */
  reasonTextsRemoved(meetingId: string): Promise<boolean>;
  /** Records that they were, with the count and time (written after the last one). */
  markReasonTextsRemoved(meetingId: string, count: number, at: string): Promise<void>;
}

/** Members' deletion requests, one per member and residence committee (docs/privacy.md "Deletion request"). */
export interface DeletionRequestRepository {
  /** Stores a new request; false when the member has one with that committee already (a second press). */
  create(request: DeletionRequest): Promise<boolean>;
  get(orgId: string, memberId: string): Promise<DeletionRequest | undefined>;
  /** The committee's requests, pending first then completed, oldest first within each. */
  ofCommittee(orgId: string): Promise<DeletionRequest[]>;
  /** Marks it completed once: false when it was completed already. */
  complete(orgId: string, memberId: string, at: string, by: string): Promise<boolean>;
}
