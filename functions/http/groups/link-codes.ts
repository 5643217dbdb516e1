// router: the link-codes group function (HTTP_GROUPS): one Lambda for these routes, each served by its own handler.

import { routeHandler } from '../../middleware/router.js';
import { handler as chatLinksUnlink } from '../admin-chat-links-unlink.js';
import { handler as committeeLinkCodesPdf } from '../committee-link-codes-pdf.js';
import { handler as createMemberLinkCode } from '../create-member-link-code.js';
import { handler as createStaffLinkCode } from '../create-staff-link-code.js';
import { handler as deletionRequestComplete } from '../deletion-request-complete.js';
import { handler as deletionRequestsList } from '../deletion-requests-list.js';
import { handler as linkRequestDecide } from '../link-request-decide.js';

export const handler = routeHandler('link-codes', {
  'create-member-link-code': createMemberLinkCode,
  'create-staff-link-code': createStaffLinkCode,
  'committee-link-codes-pdf': committeeLinkCodesPdf,
  'link-request-decide': linkRequestDecide,
  'admin-chat-links-unlink': chatLinksUnlink,
  'deletion-requests-list': deletionRequestsList,
  'deletion-request-complete': deletionRequestComplete,
});
