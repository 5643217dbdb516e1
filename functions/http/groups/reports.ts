// router: the reports group function (HTTP_GROUPS): one Lambda for these routes, each served by its own handler.

import { routeHandler } from '../../middleware/router.js';
import { handler as compileReport } from '../compile-report.js';

export const handler = routeHandler('reports', {
  'compile-report': compileReport,
});
