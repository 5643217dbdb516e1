// router: the documents-pdf group function (HTTP_GROUPS): one Lambda for these routes, each served by its own handler.

import { routeHandler } from '../../middleware/router.js';
import { handler as evaluationHamletSheetsPdf } from '../evaluation-hamlet-sheets-pdf.js';
import { handler as evaluationSheetPdf } from '../evaluation-sheet-pdf.js';
import { handler as getReport } from '../get-report.js';
import { handler as introductionsLetter } from '../introductions-letter.js';
import { handler as meetingMinutesPdf } from '../meeting-minutes-pdf.js';
import { handler as meetingPaperInvitationsPdf } from '../meeting-paper-invitations-pdf.js';

export const handler = routeHandler('documents-pdf', {
  'introductions-letter': introductionsLetter,
  'meeting-minutes-pdf': meetingMinutesPdf,
  'meeting-paper-invitations-pdf': meetingPaperInvitationsPdf,
  'get-report': getReport,
  'evaluation-sheet-pdf': evaluationSheetPdf,
  'evaluation-hamlet-sheets-pdf': evaluationHamletSheetsPdf,
});
