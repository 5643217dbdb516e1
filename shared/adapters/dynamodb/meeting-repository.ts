// adapter: meetings (one per committee, year and round) and their invitations (the attendance sheet).
import { sheetOrderKey } from '../../domain/attendance.js';
import { ConflictError } from '../../domain/errors.js';
import type { Invitation } from '../../domain/invitation.js';
import { type Meeting, meetingId, type Round } from '../../domain/meeting.js';
import type { Page } from '../../ports/common.js';
import type { InvitationRepository, MeetingRepository, WriteOptions } from '../../ports/repositories.js';
import { keys } from './keys.js';
import { readItem } from './records.js';
import { type DynamoStore, decodeCursor, InvalidCursorError, type Item, toItem } from './store.js';

function encodeSheetCursor(key: string): string {
  return Buffer.from(JSON.stringify({ sheetAfter: key }), 'utf8').toString('base64url');
}

function sheetCursorKey(cursor: string): string {
  const decoded = decodeCursor(cursor);
  if (typeof decoded?.sheetAfter !== 'string') throw new InvalidCursorError();
  return decoded.sheetAfter;
}

export function meetingItem(meeting: Meeting): Item & { version: number } {
  return toItem('Meeting', keys.meeting(meeting.id), meeting, {
    ...keys.meetingOfCommittee(meeting.residenceOrgId, meeting.year, meeting.round),
    ...keys.meetingsOnDate(meeting.date, meeting.id),
  }) as Item & { version: number };
}

export class DynamoMeetingRepository implements MeetingRepository {
  constructor(private readonly store: DynamoStore) {}

  async get(id: string): Promise<Meeting | undefined> {
    const item = await this.store.get(keys.meeting(id));
    return item ? readItem('Meeting', item) : undefined;
  }

  async create(meeting: Meeting, options: WriteOptions = {}): Promise<void> {
    try {
      await this.store.transact([this.store.newPut(meetingItem(meeting))], options.events);
    } catch (error) {
      // The id is `<org>.<year>.<round>`, so a second meeting for the same round collides here (R8).
      if (error instanceof ConflictError)
        throw new ConflictError(
          { vi: 'Đợt họp này đã có lịch họp', en: 'A meeting for this round exists already' },
          'meeting_exists',
        );
      throw error;
    }
  }

  async save(meeting: Meeting, expectedVersion: number, options: WriteOptions = {}): Promise<void> {
    await this.store.transact(
      [this.store.versionedPut(meetingItem(meeting), expectedVersion)],
      options.events,
    );
  }

  async ofCommittee(residenceOrgId: string, year?: number): Promise<Meeting[]> {
    return (await this.store.queryList(keys.meetingsOfCommitteeQuery(residenceOrgId, year))).map((i) =>
      readItem('Meeting', i),
    );
  }

  find(residenceOrgId: string, year: number, round: Round): Promise<Meeting | undefined> {
    return this.get(meetingId(residenceOrgId, year, round));
  }

  async onDate(date: string): Promise<Meeting[]> {
    return (await this.store.queryList(keys.meetingsOnDateQuery(date))).map((i) => readItem('Meeting', i));
  }
}

export function invitationItem(invitation: Invitation): Item & { version: number } {
  const pending =
    invitation.rsvp === 'absent' && invitation.absence?.confirmation === 'pending'
      ? keys.pendingAbsence(
          invitation.workplaceOrgId,
          invitation.meetingDate,
          invitation.meetingId,
          invitation.memberId,
        )
      : {};
  return toItem('Invitation', keys.invitation(invitation.meetingId, invitation.memberId), invitation, {
    ...pending,
    ...keys.memberInvitations(invitation.memberId, invitation.meetingDate, invitation.meetingId),
  }) as Item & { version: number };
}

export class DynamoInvitationRepository implements InvitationRepository {
  constructor(private readonly store: DynamoStore) {}

  async get(meetingIdValue: string, memberId: string): Promise<Invitation | undefined> {
    const item = await this.store.get(keys.invitation(meetingIdValue, memberId));
    return item ? readItem('Invitation', item) : undefined;
  }

  async createOnce(invitation: Invitation, options: WriteOptions = {}): Promise<boolean> {
    try {
      await this.store.transact([this.store.newPut(invitationItem(invitation))], options.events);
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  async save(invitation: Invitation, expectedVersion: number, options: WriteOptions = {}): Promise<void> {
    await this.store.transact(
      [this.store.versionedPut(invitationItem(invitation), expectedVersion)],
      options.events,
    );
  }

  /**
   * The sheet in Vietnamese order of names (as every list of people is), paged. The partition is keyed by
   * member id, so a page is cut from the whole sheet read and collated here: one streamed Query, which
   * the totals beside every page read anyway; the cursor is the last row's collation key.
   */
  async sheet(meetingIdValue: string, query: { limit: number; cursor?: string }): Promise<Page<Invitation>> {
    const after = query.cursor === undefined ? undefined : sheetCursorKey(query.cursor);
    const rows: { key: string; invitation: Invitation }[] = [];
    for await (const invitation of this.streamSheet(meetingIdValue)) {
      const key = sheetOrderKey(invitation);
      if (after === undefined || key > after) rows.push({ key, invitation });
    }
    rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => r.invitation),
      ...(rows.length > query.limit && last ? { cursor: encodeSheetCursor(last.key) } : {}),
    };
  }

  async *streamSheet(meetingIdValue: string): AsyncIterable<Invitation> {
    for await (const item of this.store.queryAll(keys.attendanceSheetQuery(meetingIdValue)))
      yield readItem('Invitation', item);
  }

  async pendingAbsences(
    workplaceOrgId: string,
    query: { limit: number; cursor?: string },
  ): Promise<Page<Invitation>> {
    const page = await this.store.queryPage(
      keys.pendingAbsencesQuery(workplaceOrgId),
      query.limit,
      query.cursor,
    );
    return { ...page, items: page.items.map((i) => readItem('Invitation', i)) };
  }

  async ofMember(memberId: string, year?: number): Promise<Invitation[]> {
    return (await this.store.queryList(keys.memberInvitationsQuery(memberId, year))).map((i) =>
      readItem('Invitation', i),
    );
  }
}
