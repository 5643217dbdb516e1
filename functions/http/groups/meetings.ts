// router: the meetings group function (HTTP_GROUPS): one Lambda for these routes, each served by its own handler.

import { routeHandler } from '../../middleware/router.js';
import { handler as absenceNoticeAck } from '../absence-notice-ack.js';
import { handler as absenceNoticesPending } from '../absence-notices-pending.js';
import { handler as meetingAttendanceGet } from '../meeting-attendance-get.js';
import { handler as meetingAttendanceOpen } from '../meeting-attendance-open.js';
import { handler as meetingAttendanceSet } from '../meeting-attendance-set.js';
import { handler as meetingCommentAnswer } from '../meeting-comment-answer.js';
import { handler as meetingCommentRaise } from '../meeting-comment-raise.js';

export const handler = routeHandler('meetings', {
  'meeting-attendance-get': meetingAttendanceGet,
  'meeting-attendance-open': meetingAttendanceOpen,
  'meeting-attendance-set': meetingAttendanceSet,
  'meeting-comment-raise': meetingCommentRaise,
  'meeting-comment-answer': meetingCommentAnswer,
  'absence-notice-ack': absenceNoticeAck,
  'absence-notices-pending': absenceNoticesPending,
});
