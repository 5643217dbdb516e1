// bench (4): the data set — a board, residence committees, members received there, two meetings each with
// attendance, and submitted evaluations — as stored items built by the repositories' own item builders.
import { committeeItem } from '../../../shared/adapters/dynamodb/committee-repository.js';
import { introductionItem } from '../../../shared/adapters/dynamodb/introduction-repository.js';
import { invitationItem, meetingItem } from '../../../shared/adapters/dynamodb/meeting-repository.js';
import {
  exemptionItem,
  memberFactsItem,
  memberItem,
} from '../../../shared/adapters/dynamodb/member-repository.js';
import { evaluationItem } from '../../../shared/adapters/dynamodb/record-repositories.js';
import type { Item } from '../../../shared/adapters/dynamodb/store.js';
import type { Invitation } from '../../../shared/domain/invitation.js';
import type { Meeting } from '../../../shared/domain/meeting.js';
import type { Exemption } from '../../../shared/domain/travel-and-exemption.js';

export const BOARD = 'quan-bench';
export const YEAR = 2026;
export const wardId = (w: number) => `phuong-b${String(w).padStart(3, '0')}`;
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Đặng', 'Bùi'];
const GIVEN = ['An', 'Bình', 'Châu', 'Dũng', 'Hà', 'Lan', 'Minh', 'Nhung', 'Sơn', 'Thảo'];

export function committeeItems(wards: number): Item[] {
  const items = [committeeItem({ id: BOARD, kind: 'board', name: 'Quận ủy (bench)' })];
  items.push(committeeItem({ id: 'so-bench', kind: 'workplace', name: 'Đảng ủy Sở (bench)' }));
  for (let w = 0; w < wards; w++) {
    items.push(
      committeeItem({ id: wardId(w), kind: 'residence', name: `Đảng ủy phường ${w}`, parentId: BOARD }),
    );
  }
  return items;
}

function meeting(w: number, round: 'june' | 'october'): Meeting {
  const ward = wardId(w);
  return {
    id: `${ward}.${YEAR}.${round === 'june' ? '06' : '10'}`,
    residenceOrgId: ward,
    year: YEAR,
    round,
    date: round === 'june' ? '2026-06-20' : '2026-10-17',
    time: '08:00',
    place: 'Hội trường',
    chairStaffId: 'chair',
    chairName: 'Chủ trì',
    agenda: 'Họp giữ mối liên hệ',
    status: 'held',
    plannedBy: 'staff',
    version: 1,
  };
}

/**
 * A year of one ward: its two meetings, and per member the member with its facts item (one in 20 exempt
 * for a spell of the year, R4), the introduction, two invitations, the evaluation.
 */
export function* wardItems(w: number, members: number): Generator<Item> {
  const ward = wardId(w);
  const meetings = [meeting(w, 'june'), meeting(w, 'october')];
  for (const m of meetings) yield meetingItem(m);
  for (let i = 0; i < members; i++) {
    const id = `${ward}-m${String(i).padStart(5, '0')}`;
    const fullName = `${FAMILY[i % FAMILY.length]} Văn ${GIVEN[(i * 7) % GIVEN.length]}`;
    yield memberItem({
      id,
      partyCardNumber: `9${String(w).padStart(3, '0')}${String(i).padStart(6, '0')}`,
      fullName,
      dateOfBirth: '1985-03-12',
      sex: i % 2 ? 'male' : 'female',
      category: i % 50 === 0 ? 'student' : 'regular',
      residence: { kind: 'permanent', address: 'Khu vực 1', registeredFrom: '2010-01-01' },
      workplaceOrgId: 'so-bench',
    });
    const exemptions: Exemption[] =
      i % 20 === 7
        ? [
            {
              id: `ex-${id}`,
              memberId: id,
              reason: 'Ốm dài ngày',
              from: '2026-03-01',
              until: '2026-05-31',
              confirmedBy: 'staff-work',
              confirmedAt: '2026-02-25T02:00:00Z',
            },
          ]
        : [];
    for (const exemption of exemptions) yield exemptionItem(exemption);
    yield memberFactsItem(id, { exemptions, travelNotices: [] });
    yield introductionItem(
      {
        id: `intro-${id}`,
        memberId: id,
        workplaceOrgId: 'so-bench',
        residenceOrgId: ward,
        status: 'received',
        issuedOn: '2026-01-10',
        issuedBy: 'staff-work',
        letterNumber: `${i}-GGT`,
        contactPath: 'standard',
        receipt: {
          receivedOn: '2026-01-20',
          receivedBy: 'staff',
          receivedByName: 'Cán bộ',
          hamletId: `kv-${i % 8}`,
        },
        version: 2,
      },
      fullName,
    );
    for (const [k, m] of meetings.entries()) {
      const kind = (i + k) % 10;
      const invitation: Invitation = {
        meetingId: m.id,
        memberId: id,
        memberName: fullName,
        residenceOrgId: ward,
        workplaceOrgId: 'so-bench',
        hamletId: `kv-${i % 8}`,
        meetingDate: m.date,
        delivery: 'sent',
        rsvp: kind < 7 ? 'attending' : kind < 9 ? 'absent' : 'none',
        attendance: kind < 7 ? 'present' : 'absent',
        ...(kind >= 7 && kind < 9
          ? {
              absence: {
                category: 'work' as const,
                submittedAt: '2026-06-10T00:00:00Z',
                confirmation: 'confirmed' as const,
              },
            }
          : {}),
        version: 3,
      };
      yield invitationItem(invitation);
    }
    yield evaluationItem({
      residenceOrgId: ward,
      memberId: id,
      year: YEAR,
      ruleSet: 'hd02-2011',
      form: {
        kind: 'hd02-4duties',
        duties: {
          d1: { mark: 'good', comment: 'Gương mẫu' },
          d2: { mark: 'good', comment: 'Dự họp' },
          d3: { mark: 'good', comment: 'Tham gia' },
          d4: { mark: 'good', comment: 'Góp ý' },
        },
        proposal: 'none',
      },
      flaggedR11: false,
      status: 'submitted',
      submittedBy: 'chair',
      submittedAt: '2026-10-25T03:00:00Z',
      version: 2,
    });
  }
}
