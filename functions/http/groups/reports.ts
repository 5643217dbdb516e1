// router: the reports group function (HTTP_GROUPS): one Lambda for these routes, each served by its own handler.

import { routeHandler } from '../../middleware/router.js';
import { handler as compileReport } from '../compile-report.js';
import { handler as getReportNarrative } from '../get-report-narrative.js';
import { handler as putReportNarrative } from '../put-report-narrative.js';

export const handler = routeHandler('reports', {
  'compile-report': compileReport,
  'put-report-narrative': putReportNarrative,
  'get-report-narrative': getReportNarrative,
});
