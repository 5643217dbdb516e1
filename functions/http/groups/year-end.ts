// router: the year-end group function (HTTP_GROUPS): one Lambda for these routes, each served by its own handler.

import { routeHandler } from '../../middleware/router.js';
import { handler as getEvaluation } from '../get-evaluation.js';
import { handler as listEvaluations } from '../list-evaluations.js';
import { handler as recordCommentRequest } from '../record-comment-request.js';
import { handler as recordConsultation } from '../record-consultation.js';
import { handler as recordDirectCollection } from '../record-direct-collection.js';
import { handler as recordFrontConsultation } from '../record-front-consultation.js';
import { handler as saveEvaluationDraft } from '../save-evaluation-draft.js';
import { handler as signEvaluationForCell } from '../sign-evaluation-for-cell.js';
import { handler as submitEvaluation } from '../submit-evaluation.js';
import { handler as submitSelfReport } from '../submit-self-report.js';
import { handler as workplaceYearEnd } from '../workplace-year-end.js';

export const handler = routeHandler('year-end', {
  'list-evaluations': listEvaluations,
  'get-evaluation': getEvaluation,
  'save-evaluation-draft': saveEvaluationDraft,
  'record-consultation': recordConsultation,
  'submit-evaluation': submitEvaluation,
  'record-front-consultation': recordFrontConsultation,
  'sign-evaluation-for-cell': signEvaluationForCell,
  'record-comment-request': recordCommentRequest,
  'workplace-year-end': workplaceYearEnd,
  'submit-self-report': submitSelfReport,
  'record-direct-collection': recordDirectCollection,
});
