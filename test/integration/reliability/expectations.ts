// Reliability support: what each registry route answers to each role and committee (authorisation matrix),
// and one valid request per route (the bad-input suite mutates it).
import type { Role } from '../../../shared/domain/roles.js';
import { WARD, WORKPLACE } from '../../support/http-issue5.js';
import { CONSULTATION, HD02_FORM, JUNE, OCTOBER_2025, PEOPLE, type Side, type World, YEAR } from './world.js';

export interface Request {
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

export interface Expectation {
  request: (world: World, role: Role) => Request;
  /** True when this role, acting for its own or another committee, is allowed (2xx); false: 403 or 404. */
  allowed: (role: Role, side: Side) => boolean;
}

const RESIDENCE: readonly Role[] = ['residence_staff', 'chair', 'secretary'];
const residence = (role: Role, side: Side) => side === 'own' && RESIDENCE.includes(role);
const residenceOrViewer = (role: Role, side: Side) =>
  side === 'own' && (RESIDENCE.includes(role) || role === 'viewer');

/**
 * What each route answers, from docs/meeting.md's route table. A route added to the registry without a row
 * here fails the completeness test below: add its row (or reuse its feature's own matrix) when it lands.
 */
export const EXPECTATIONS: Record<string, Expectation> = {
  'meeting-attendance-get': { request: () => ({ pathParameters: { id: JUNE } }), allowed: residenceOrViewer },
  'meeting-attendance-open': { request: () => ({ pathParameters: { id: JUNE } }), allowed: residence },
  'meeting-attendance-set': {
    request: () => ({ pathParameters: { id: JUNE, memberId: PEOPLE.own.id }, body: { present: false } }),
    allowed: residence,
  },
  'meeting-minutes-get': { request: () => ({ pathParameters: { id: JUNE } }), allowed: residenceOrViewer },
  'meeting-minutes-part-put': {
    request: () => ({ pathParameters: { id: JUNE, part: 'plan' }, body: { text: 'Kế hoạch tháng 7.' } }),
    allowed: residence,
  },
  // Only the assigned chair signs as chair and only a secretary as secretary (R15 2.6).
  'meeting-minutes-sign': {
    request: (_w, role) => ({
      pathParameters: { id: JUNE },
      body: { as: role === 'secretary' ? 'secretary' : 'chair' },
    }),
    allowed: (role, side) => side === 'own' && (role === 'chair' || role === 'secretary'),
  },
  // Addenda only after the seal (R16): the October 2025 minutes are sealed.
  'meeting-minutes-addendum': {
    request: () => ({
      pathParameters: { id: OCTOBER_2025 },
      body: { text: 'Đính chính: số người dự là 2.' },
    }),
    allowed: residence,
  },
  'meeting-minutes-pdf': { request: () => ({ pathParameters: { id: JUNE } }), allowed: residenceOrViewer },
  // A member raises their own comment, to a meeting of the ward that received them.
  'meeting-comment-raise': {
    request: () => ({ pathParameters: { id: JUNE }, body: { topic: 'Môi trường', text: 'Rác ở bờ kè.' } }),
    allowed: (role, side) => role === 'member' && side === 'own',
  },
  'meeting-comment-answer': {
    request: (w) => ({
      pathParameters: { id: JUNE, commentId: w.commentId },
      body: { status: 'done', text: 'Đã lắp đèn.' },
    }),
    allowed: residence,
  },
  // Only the workplace of the member acknowledges an R10 notice about them.
  'absence-notice-ack': {
    request: () => ({ pathParameters: { id: OCTOBER_2025, memberId: PEOPLE.peer.id } }),
    allowed: (role, side) => role === 'workplace_staff' && side === 'own',
  },
  // Any workplace lists its own pending notices (another workplace gets its own, empty, list).
  'absence-notices-pending': { request: () => ({}), allowed: (role) => role === 'workplace_staff' },
  // Year end (issue 6, docs/year-end.md): residence staff write, the chair alone submits (R17), the workplace
  // follows its members (R19–R21), the member reports for themselves (R19), boards above read reports (R22).
  'list-evaluations': {
    request: () => ({ pathParameters: { id: WARD, year: String(YEAR) }, query: { status: 'due' } }),
    allowed: residence,
  },
  'get-evaluation': {
    request: () => ({ pathParameters: { id: WARD, year: String(YEAR), memberId: PEOPLE.own.id } }),
    allowed: residence,
  },
  'save-evaluation-draft': {
    request: () => ({
      pathParameters: { id: WARD, year: String(YEAR), memberId: PEOPLE.own.id },
      body: { form: { ...HD02_FORM, proposal: 'commend' } },
    }),
    allowed: residence,
  },
  'record-consultation': {
    request: () => ({
      pathParameters: { id: WARD, year: String(YEAR), memberId: PEOPLE.student.id },
      body: { ...CONSULTATION, policeHeadOpinion: 'Gương mẫu.' },
    }),
    allowed: residence,
  },
  'submit-evaluation': {
    request: () => ({ pathParameters: { id: WARD, year: String(YEAR), memberId: PEOPLE.own.id }, body: {} }),
    allowed: (role, side) => role === 'chair' && side === 'own',
  },
  'workplace-year-end': {
    request: () => ({ pathParameters: { id: WORKPLACE, year: String(YEAR) } }),
    allowed: (role, side) => role === 'workplace_staff' && side === 'own',
  },
  'submit-self-report': {
    request: () => ({
      pathParameters: { id: PEOPLE.own.id, year: String(YEAR) },
      body: { activities: 'Tham gia vệ sinh môi trường, hội khuyến học.' },
    }),
    allowed: (role, side) => role === 'member' && side === 'own',
  },
  'record-direct-collection': {
    request: () => ({
      pathParameters: { id: PEOPLE.army.id, year: String(YEAR) },
      body: { collectedOn: '2026-10-29' },
    }),
    allowed: (role, side) => role === 'workplace_staff' && side === 'own',
  },
  'compile-report': {
    request: () => ({ pathParameters: { id: WARD, year: String(YEAR) } }),
    allowed: residence,
  },
  'get-report': {
    request: () => ({ pathParameters: { id: WARD, year: String(YEAR) } }),
    allowed: residenceOrViewer,
  },
};
