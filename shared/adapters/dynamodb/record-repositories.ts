// adapter: comments (ý kiến), minutes, evaluations and October reports.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Comment } from '../../domain/comment.js';
import { ConflictError } from '../../domain/errors.js';
import type { CommentRequest, Evaluation } from '../../domain/evaluation.js';
import type { DomainEvent } from '../../domain/events.js';
import type { Meeting } from '../../domain/meeting.js';
import type { Addendum, Minutes } from '../../domain/minutes.js';
import type { OctoberReport } from '../../domain/report.js';
import type { ReportNarrative } from '../../domain/report-narrative.js';
import type {
  CommentRepository,
  EvaluationRepository,
  EvaluationWriteOptions,
  MinutesRepository,
  ReportRepository,
  WriteOptions,
} from '../../ports/repositories.js';
import { type StoredAddendum, type StoredMinutes, storedMinutesRecordSchema } from '../../schemas/stored.js';
import { keys } from './keys.js';
import { meetingItem } from './meeting-repository.js';
import { readItem, readValue } from './records.js';
import { type DynamoStore, type Item, type TxItem, toItem } from './store.js';

export class DynamoCommentRepository implements CommentRepository {
  constructor(private readonly store: DynamoStore) {}

  private item(comment: Comment): Item {
    return toItem(
      'Comment',
      keys.comment(comment.meetingId, comment.raisedAt, comment.id),
      comment,
      keys.memberComments(comment.memberId, comment.raisedAt),
    );
  }

  async add(comment: Comment, options: WriteOptions = {}): Promise<void> {
    await this.store.transact([this.store.newPut(this.item(comment))], options.events);
  }

  async save(comment: Comment, options: WriteOptions = {}): Promise<void> {
    await this.store.transact(
      [
        {
          Put: {
            TableName: this.store.table,
            Item: this.item(comment),
            ConditionExpression: 'attribute_exists(pk)',
          },
        },
      ],
      options.events,
    );
  }

  async ofMeeting(meetingId: string): Promise<Comment[]> {
    return (await this.store.queryList(keys.commentsOfMeetingQuery(meetingId))).map((i) =>
      readItem('Comment', i),
    );
  }

  async ofMember(memberId: string): Promise<Comment[]> {
    return (await this.store.queryList(keys.memberCommentsQuery(memberId))).map((i) =>
      readItem('Comment', i),
    );
  }
}

/**
 * The record the minutes fill in (a row per invited member, the absentees, the comments) grows with the
 * ward: 3,025 members passed DynamoDB's 400 KB item limit and the minutes could not be signed. So the
 * record is kept beside the minutes item, gzipped, in parts of at most this size, written in the same
 * transaction (a 10,000-member ward is about 1.4 MB of JSON, 2 parts once gzipped).
 */
const RECORD_PART_BYTES = 300 * 1024;

/**
 * An addendum stored before R16's two signatures was enforced has `signedBy` and no `signatures` (its type,
 * StoredAddendum, is in schemas/stored.ts): it is read as a legacy addendum (empty `signatures`) and written
 * back exactly as it was stored, never rewritten.
 */
function addendumFromStore(stored: StoredAddendum): Addendum {
  const { signatures, ...rest } = stored;
  return { ...rest, signatures: signatures ?? {} };
}

function addendumToStore(addendum: Addendum): StoredAddendum {
  if (!addendum.signedBy) return addendum;
  const { signatures: _signatures, ...legacy } = addendum;
  return legacy;
}

export class DynamoMinutesRepository implements MinutesRepository {
  constructor(private readonly store: DynamoStore) {}

  async get(meetingId: string): Promise<Minutes | undefined> {
    const item = await this.store.get(keys.minutes(meetingId));
    if (!item) return undefined;
    // recordParts: how many parts the record was stored in (absent: the record, if any, is inline, as before).
    const { recordParts, ...stored } = readItem('Minutes', item);
    const minutes = { ...stored, addenda: stored.addenda.map(addendumFromStore) };
    if (!recordParts) return minutes;
    const partKeys = Array.from({ length: recordParts }, (_, n) => keys.minutesRecordPart(meetingId, n));
    const parts = await this.store.batchGet(partKeys);
    const bytes = partKeys.map((key) => {
      const part = parts.find((p) => p.sk === key.sk);
      if (!part) throw new Error(`Part ${key.sk} of the minutes of ${meetingId} is missing`);
      return readItem('MinutesRecordPart', part).bytes;
    });
    // The record is checked like an item, and a broken one reported with the minutes' key (no values).
    const json: unknown = JSON.parse(gunzipSync(Buffer.concat(bytes)).toString('utf8'));
    const record = readValue(storedMinutesRecordSchema, 'Minutes', keys.minutes(meetingId), json);
    return { ...minutes, record };
  }

  async save(minutes: Minutes, expectedVersion: number, options: WriteOptions = {}): Promise<void> {
    await this.store.transact(
      [...this.writes(minutes, (item) => this.store.versionedPut(item, expectedVersion))],
      options.events,
    );
  }

  /** The minutes item (its condition from `put`) and the parts of its record, if it has one. */
  private writes(minutes: Minutes, put: (item: Item & { version: number }) => TxItem): TxItem[] {
    const key = keys.minutes(minutes.meetingId);
    const { record, ...kept } = minutes;
    const rest = { ...kept, addenda: kept.addenda.map(addendumToStore) };
    if (!record) return [put(toItem('Minutes', key, rest) as Item & { version: number })];
    const packed = gzipSync(Buffer.from(JSON.stringify(record), 'utf8'));
    const parts: TxItem[] = [];
    for (let offset = 0, n = 0; offset < packed.length; offset += RECORD_PART_BYTES, n++) {
      const part = toItem('MinutesRecordPart', keys.minutesRecordPart(minutes.meetingId, n), {
        bytes: packed.subarray(offset, offset + RECORD_PART_BYTES),
      });
      parts.push({ Put: { TableName: this.store.table, Item: part } });
    }
    const stored: Omit<StoredMinutes, 'record'> = { ...rest, recordParts: parts.length };
    return [put(toItem('Minutes', key, stored) as Item & { version: number }), ...parts];
  }

  async saveWithMeeting(
    minutes: Minutes,
    expectedVersion: number,
    meeting: Meeting,
    meetingExpectedVersion: number,
    options: WriteOptions = {},
  ): Promise<void> {
    await this.store.transact(
      [
        ...this.writes(minutes, (item) => this.store.versionedPut(item, expectedVersion)),
        this.store.versionedPut(meetingItem(meeting), meetingExpectedVersion),
      ],
      options.events,
    );
  }
}

/** The stored shape of an evaluation (exported for bulk loaders such as the benchmark's). */
export function evaluationItem(evaluation: Evaluation): Item & { version: number } {
  return toItem(
    'Evaluation',
    keys.evaluation(evaluation.residenceOrgId, evaluation.year, evaluation.memberId),
    evaluation,
    keys.memberEvaluations(evaluation.memberId, evaluation.year),
  ) as Item & { version: number };
}

export class DynamoEvaluationRepository implements EvaluationRepository {
  constructor(private readonly store: DynamoStore) {}

  async get(residenceOrgId: string, year: number, memberId: string): Promise<Evaluation | undefined> {
    const item = await this.store.get(keys.evaluation(residenceOrgId, year, memberId));
    return item ? readItem('Evaluation', item) : undefined;
  }

  async save(
    evaluation: Evaluation,
    expectedVersion: number,
    options: EvaluationWriteOptions = {},
  ): Promise<void> {
    const item = evaluationItem(evaluation);
    const writes = [this.store.versionedPut(item, expectedVersion)];
    if (options.markBothMeetingsMissedNoticed) {
      // R11: the marker makes the notice once per member and year, whichever save raises it first.
      const marker = toItem(
        'BothMeetingsMissedNotice',
        keys.bothMeetingsMissedNotice(evaluation.memberId, evaluation.year),
        {
          memberId: evaluation.memberId,
          year: evaluation.year,
          residenceOrgId: evaluation.residenceOrgId,
        },
      );
      writes.push(this.store.newPut(marker));
    }
    await this.store.transact(writes, options.events);
  }

  async bothMeetingsMissedNoticed(memberId: string, year: number): Promise<boolean> {
    return (await this.store.get(keys.bothMeetingsMissedNotice(memberId, year))) !== undefined;
  }

  async noticeBothMeetingsMissed(
    marker: { memberId: string; year: number; residenceOrgId: string },
    event: DomainEvent,
  ): Promise<boolean> {
    const item = toItem(
      'BothMeetingsMissedNotice',
      keys.bothMeetingsMissedNotice(marker.memberId, marker.year),
      marker,
    );
    try {
      await this.store.transact([this.store.newPut(item)], [event]);
      return true;
    } catch (error) {
      // The marker is there: a save or an earlier run raised it (R11: once per member and year).
      if (error instanceof ConflictError && !error.details?.transactionConflict) return false;
      throw error;
    }
  }

  async *ofCommittee(residenceOrgId: string, year: number): AsyncIterable<Evaluation> {
    // Consistent (a table partition): a draft saved or sent a moment ago is counted, in the list and in the
    // October report's done, draft and due counts alike, as the GetItem of one evaluation would see it.
    const query = { ...keys.evaluationsOfCommitteeQuery(residenceOrgId, year), consistent: true };
    for await (const item of this.store.queryAll(query)) {
      yield readItem('Evaluation', item);
    }
  }

  async ofMember(memberId: string): Promise<Evaluation[]> {
    return (await this.store.queryList(keys.memberEvaluationsQuery(memberId))).map((i) =>
      readItem('Evaluation', i),
    );
  }

  async getCommentRequest(
    residenceOrgId: string,
    year: number,
    memberId: string,
  ): Promise<CommentRequest | undefined> {
    const item = await this.store.get(keys.commentRequest(memberId, residenceOrgId, year));
    return item ? readItem('CommentRequest', item) : undefined;
  }

  async recordCommentRequest(request: CommentRequest): Promise<boolean> {
    const item = toItem(
      'CommentRequest',
      keys.commentRequest(request.memberId, request.residenceOrgId, request.year),
      request,
    );
    try {
      await this.store.transact([this.store.newPut(item)]);
      return true;
    } catch (error) {
      // Recorded already (a retried request, or the same request entered twice): the first one stands.
      if (error instanceof ConflictError && !error.details?.transactionConflict) return false;
      throw error;
    }
  }
}

export class DynamoReportRepository implements ReportRepository {
  constructor(private readonly store: DynamoStore) {}

  async get(orgId: string, year: number): Promise<OctoberReport | undefined> {
    const item = await this.store.get(keys.report(orgId, year));
    return item ? readItem('OctoberReport', item) : undefined;
  }

  async save(report: OctoberReport, parentId: string | undefined, options: WriteOptions = {}): Promise<void> {
    const latest = toItem(
      'OctoberReport',
      keys.report(report.orgId, report.year),
      report,
      parentId ? keys.reportUnderParent(parentId, report.year, report.orgId) : {},
    );
    const history = toItem(
      'OctoberReportVersion',
      keys.reportVersion(report.orgId, report.year, report.version),
      report,
    );
    const expected = report.version - 1;
    const guard =
      expected === 0
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': expected },
          };
    try {
      await this.store.transact(
        [{ Put: { TableName: this.store.table, Item: latest, ...guard } }, this.store.newPut(history)],
        options.events,
      );
    } catch (error) {
      if (error instanceof ConflictError)
        throw new ConflictError(
          {
            vi: 'Báo cáo vừa được tổng hợp ở nơi khác; hãy tải lại',
            en: 'Another compilation stored this report first',
          },
          'report_conflict',
        );
      throw error;
    }
  }

  async underParent(parentId: string, year: number): Promise<OctoberReport[]> {
    return (await this.store.queryList(keys.reportsUnderParentQuery(parentId, year))).map((i) =>
      readItem('OctoberReport', i),
    );
  }

  async getNarrative(orgId: string, year: number): Promise<ReportNarrative | undefined> {
    const item = await this.store.get(keys.reportNarrative(orgId, year));
    return item ? readItem('ReportNarrative', item) : undefined;
  }

  async saveNarrative(narrative: ReportNarrative, expectedVersion: number): Promise<void> {
    const item = toItem(
      'ReportNarrative',
      keys.reportNarrative(narrative.orgId, narrative.year),
      narrative,
    ) as Item & { version: number };
    await this.store.transact([this.store.versionedPut(item, expectedVersion)]);
  }
}
