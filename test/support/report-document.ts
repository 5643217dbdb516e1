// test support: the data of an October report's documents (R22), with as many listed members as asked for.
import type { ListedMember, ReportDocumentData } from '../../shared/domain/report.js';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Đặng', 'Bùi'];
const GIVEN = [
  'Thị Hằng',
  'Văn Bình',
  'Minh Châu',
  'Quốc Dũng',
  'Thu Hà',
  'Ngọc Lan',
  'Đức Sơn',
  'Phương Thảo',
];

function listed(prefix: string, count: number): ListedMember[] {
  return Array.from({ length: count }, (_, i) => ({
    memberId: `${prefix}${i}`,
    fullName: `${FAMILY[i % FAMILY.length]} ${GIVEN[(i >> 3) % GIVEN.length]}`,
    workplaceName: `Sở Y tế — Bệnh viện số ${(i % 40) + 1}`,
  }));
}

/**
 * A ward's report for 2026: both meetings (the October one with no date yet), units, evaluations, and
 * `listedMembers` members split over the commendations, criticisms and the R11 list.
 */
export function reportDocumentData(listedMembers = 6): ReportDocumentData {
  const third = Math.floor(listedMembers / 3);
  return {
    report: {
      orgId: 'phuong-ben-thanh',
      year: 2026,
      version: 2,
      compiledAt: '2026-10-31T10:00:00.000Z',
      scope: 'residence',
      childOrgIds: [],
      body: {
        members: {
          introduced: 29,
          byWorkplaceKind: { workplace: 22, school: 4, armed_forces_unit: 3 },
          byCategory: { regular: 19, travelling: 3, student: 4, armed_forces: 3 },
          received: 26,
          pending: 3,
          active: 24,
          ended: 2,
          exempt: 1,
          travelling: 2,
          students: 3,
          armedForces: 2,
        },
        meetings: [
          {
            round: 'june',
            meetingId: 'phuong-ben-thanh.2026.06',
            invited: 24,
            present: 20,
            absentConfirmed: 2,
            absentUnconfirmed: 1,
            noReply: 1,
            date: '2026-06-20',
            units: [
              { id: 'kp1', name: 'Khu phố 1', invited: 12, present: 11 },
              { id: 'kp2', name: 'Khu phố 2', invited: 12, present: 9 },
            ],
          },
          {
            round: 'october',
            meetingId: 'phuong-ben-thanh.2026.10',
            invited: 0,
            present: 0,
            absentConfirmed: 0,
            absentUnconfirmed: 0,
            noReply: 0,
          },
        ],
        evaluations: {
          done: 14,
          due: 10,
          drafts: 2,
          byProposal: { commend: 3, none: 10, criticise: 1 },
          byLevel: { c1: { '1': 10, '2': 4 }, d1: { good: 12, not_good: 2 } },
        },
        commendations: [],
        criticisms: [],
        bothMeetingsMissed: [],
      },
    },
    committee: { id: 'phuong-ben-thanh', name: 'Đảng ủy phường Bến Thành', kind: 'residence' },
    parent: { id: 'quan-1', name: 'Quận ủy Quận 1' },
    ruleSet: 'hd02-2011',
    reportsToVi: 'Quận ủy, huyện ủy',
    commendations: listed('c', third),
    criticisms: listed('k', third),
    bothMeetingsMissed: listed('m', listedMembers - 2 * third),
    issuedOn: '2026-10-31',
  };
}
