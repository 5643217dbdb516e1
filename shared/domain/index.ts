// domain: the public surface of the pure domain (entities, value objects, rules R1–R22).
export * from './access.js';
export * from './collation.js';
export * from './comment.js';
export * from './committee.js';
export * from './dates.js';
export * from './errors.js';
export * from './evaluation.js';
export * from './events.js';
export * from './introduction.js';
export * from './invitation.js';
export * from './meeting.js';
export * from './member.js';
export * from './minutes.js';
export * from './report.js';
export * from './roles.js';
export * from './rule-set.js';
export * from './travel-and-exemption.js';
