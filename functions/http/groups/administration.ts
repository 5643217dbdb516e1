// router: the administration group function (HTTP_GROUPS): one Lambda for these routes, each served by its own handler.

import { routeHandler } from '../../middleware/router.js';
import { handler as auditList } from '../admin-audit-list.js';
import { handler as committeesClose } from '../admin-committees-close.js';
import { handler as committeesCreate } from '../admin-committees-create.js';
import { handler as committeesImport } from '../admin-committees-import.js';
import { handler as committeesMove } from '../admin-committees-move.js';
import { handler as committeesUpdate } from '../admin-committees-update.js';
import { handler as staffAssign } from '../admin-staff-assign.js';
import { handler as staffList } from '../admin-staff-list.js';
import { handler as staffRevoke } from '../admin-staff-revoke.js';

export const handler = routeHandler('administration', {
  'admin-committees-create': committeesCreate,
  'admin-committees-import': committeesImport,
  'admin-committees-update': committeesUpdate,
  'admin-committees-move': committeesMove,
  'admin-committees-close': committeesClose,
  'admin-staff-list': staffList,
  'admin-audit-list': auditList,
  'admin-staff-assign': staffAssign,
  'admin-staff-revoke': staffRevoke,
});
