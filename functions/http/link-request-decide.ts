// Lambda: POST /link-requests/{id}/decision — a head of the person's committee (or the administrator) approves or
// refuses a second account waiting to replace the person's account on the same app (issue 18).
import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { idSchema } from '../../shared/schemas/common.js';
import { decideLinkReplacement } from '../../shared/services/link-replacement.js';
import { asBotAppDeps, lazyMessenger } from '../chat-deps.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';

const decisionSchema = z.object({ approve: z.boolean() }).strict();

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: z.object({ id: idSchema }), body: decisionSchema },
    deps,
    async ({ principal, path, body }) => {
      const d = asBotAppDeps(deps());
      const decision = await decideLinkReplacement(path.id, { kind: 'staff', principal }, body.approve, {
        ...d.repos,
        // The new account, the old one and the committee's heads are told in their chats.
        messenger: lazyMessenger(d),
        clock: d.clock,
        newId: () => randomBytes(9).toString('base64url'),
      });
      d.logger.info(`link request ${decision.outcome} by staff`);
      const { pending } = decision;
      return ok({
        outcome: decision.outcome,
        status: pending.status,
        channel: pending.account.channel,
        subject: pending.subject,
        expiresAt: pending.expiresAt,
        decidedAt: pending.decidedAt || undefined,
      });
    },
  );
}

export const handler = createHandler(defaultDeps);
