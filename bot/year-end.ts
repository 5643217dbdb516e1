// bot: the year-end features (/nhanxet with its R18 consultation, /baocaocuoinam, /baocao, /cuoinam). Only the webhooks install them (through
// BotDeps.extraFeatures, in bot/lambda/bots.ts): the other functions, which only send, build no bot at all.
import type { Composer } from 'grammy';
import type { BotContext } from './context.js';
import { commentRequestsFeature } from './features/comment-requests.js';
import { consultationFeature } from './features/consultation.js';
import { evaluationsFeature } from './features/evaluations.js';
import { linkCodeSheetFeature } from './features/link-code-sheet.js';
import { paperInvitationsFeature } from './features/paper-invitations.js';
import { personalDataFeature } from './features/personal-data.js';
import { qd213StepsFeature } from './features/qd213-steps.js';
import { reportsFeature } from './features/reports.js';
import { selfReportFeature } from './features/self-report.js';
import { workplaceYearEndFeature } from './features/workplace-year-end.js';

export const yearEndFeatures: readonly Composer<BotContext>[] = [
  evaluationsFeature,
  consultationFeature,
  // qd213-2020: the Front work committee's opinion and the cell's signature on a saved draft.
  qd213StepsFeature,
  // qd213-2020: comment requests for exempt members (33-HD/BTCTW).
  commentRequestsFeature,
  selfReportFeature,
  reportsFeature,
  workplaceYearEndFeature,
  // Not the year end, but a PDF too (the link-code sheet): kept out of the send-only functions alike.
  linkCodeSheetFeature,
  // A member's own data as a PDF (/dulieu, docs/privacy.md): the same reason.
  personalDataFeature,
  // The paper invitations (R9) as a PDF: the same reason.
  paperInvitationsFeature,
];
