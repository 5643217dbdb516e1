// router: the minutes group function (HTTP_GROUPS): one Lambda for these routes, each served by its own handler.

import { routeHandler } from '../../middleware/router.js';
import { handler as meetingMinutesAddendum } from '../meeting-minutes-addendum.js';
import { handler as meetingMinutesGet } from '../meeting-minutes-get.js';
import { handler as meetingMinutesPartPut } from '../meeting-minutes-part-put.js';
import { handler as meetingMinutesSign } from '../meeting-minutes-sign.js';

export const handler = routeHandler('minutes', {
  'meeting-minutes-get': meetingMinutesGet,
  'meeting-minutes-part-put': meetingMinutesPartPut,
  'meeting-minutes-sign': meetingMinutesSign,
  'meeting-minutes-addendum': meetingMinutesAddendum,
});
