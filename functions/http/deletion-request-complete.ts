// handler: POST /committees/{id}/deletion-requests/{memberId}/complete — a head of the residence committee
// completes a member's deletion request once the keeping times allow: the member is told, then anonymised as
// the retention job does; before then 409 says from when and why (issue 18).
import * as z from 'zod';
import { idSchema } from '../../shared/schemas/common.js';
import { completeDeletion } from '../../shared/services/deletion-requests.js';
import { asBotAppDeps, lazyMessenger } from '../chat-deps.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: z.object({ id: idSchema, memberId: idSchema }) },
    deps,
    async ({ principal, path }) => {
      const d = asBotAppDeps(deps());
      const result = await completeDeletion(principal, path.id, path.memberId, {
        ...d.repos,
        clock: d.clock,
        messenger: lazyMessenger(d),
      });
      d.logger.info(`deletion request ${result.outcome}`, { orgId: path.id, memberId: path.memberId });
      return ok(result);
    },
  );
}

export const handler = createHandler(defaultDeps);
