// Lambda: POST /meetings/{id}/invitations — queues (or resumes) the invitation job of a meeting; 202 with its run.
import * as z from 'zod';
import { deliveryOrder } from '../../shared/domain/delivery.js';
import type { ProgressMessage } from '../../shared/ports/invitations.js';
import { meetingIdSchema } from '../../shared/schemas/events.js';
import { startInvitations } from '../../shared/services/invitations.js';
import { asBotAppDeps } from '../chat-deps.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, jsonResponse } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute({ path: z.object({ id: meetingIdSchema }) }, deps, async ({ principal, path }) => {
    const d = asBotAppDeps(deps());
    // The final report (and the members to print for) goes to the staff's own chat, when linked.
    const [link] = deliveryOrder(await d.repos.chatLinks.ofSubject({ kind: 'staff', id: principal.sub }));
    const report: ProgressMessage | undefined = link
      ? {
          channel: link.channel,
          chatId: link.chatId,
          languageCode: link.languageCode || undefined,
        }
      : undefined;
    // Issue 19: only the run is recorded and its preparation queued; the worker (in process on the local
    // stack) sends everything, so this route builds no chat side.
    const started = await startInvitations(principal, path.id, report, {
      meetings: d.repos.meetings,
      invitationJobs: d.repos.invitationJobs,
      queue: d.queue,
      clock: d.clock,
      log: d.logger,
    });
    const { job } = started;
    // Issue 19: the run is queued, not prepared: the numbers (and a warning about Zalo's free allowance)
    // reach the staff's linked chat from the worker.
    return jsonResponse(202, { jobId: job.id, run: job.run, state: 'preparing' });
  });
}

export const handler = createHandler(defaultDeps);
