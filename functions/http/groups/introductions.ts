// router: the introductions group function (HTTP_GROUPS): one Lambda for these routes, each served by its own handler.

import { routeHandler } from '../../middleware/router.js';
import { handler as committeesMembers } from '../committees-members.js';
import { handler as introductionsCreate } from '../introductions-create.js';
import { handler as introductionsEnd } from '../introductions-end.js';
import { handler as introductionsImport } from '../introductions-import.js';
import { handler as introductionsReceive } from '../introductions-receive.js';
import { handler as membersContactBook } from '../members-contact-book.js';
import { handler as membersExemptions } from '../members-exemptions.js';
import { handler as membersTravelNotices } from '../members-travel-notices.js';

export const handler = routeHandler('introductions', {
  'introductions-create': introductionsCreate,
  'introductions-import': introductionsImport,
  'introductions-receive': introductionsReceive,
  'introductions-end': introductionsEnd,
  'members-travel-notices': membersTravelNotices,
  'members-exemptions': membersExemptions,
  'members-contact-book': membersContactBook,
  'committees-members': committeesMembers,
});
