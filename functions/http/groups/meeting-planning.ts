// router: the meeting-planning group function (HTTP_GROUPS): one Lambda for these routes, each served by its own handler.

import { routeHandler } from '../../middleware/router.js';
import { handler as meetingAnswerOnBehalf } from '../meeting-answer-on-behalf.js';
import { handler as meetingCancel } from '../meeting-cancel.js';
import { handler as meetingReschedule } from '../meeting-reschedule.js';
import { handler as planMeeting } from '../plan-meeting.js';
import { handler as sendInvitations } from '../send-invitations.js';

export const handler = routeHandler('meeting-planning', {
  'plan-meeting': planMeeting,
  'send-invitations': sendInvitations,
  'meeting-reschedule': meetingReschedule,
  'meeting-cancel': meetingCancel,
  'meeting-answer-on-behalf': meetingAnswerOnBehalf,
});
