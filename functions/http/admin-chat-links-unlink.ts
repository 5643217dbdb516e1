// Lambda: DELETE /chat-links/{kind}/{id} — the administrator unlinks a member's or staff person's chat accounts
// (all, or one app's with ?channel=); each account is told first (issue 18).
import * as z from 'zod';
import { idSchema } from '../../shared/schemas/common.js';
import { unlinkByAdmin } from '../../shared/services/link-replacement.js';
import { asBotAppDeps, lazyMessenger } from '../chat-deps.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    {
      path: z.object({ kind: z.enum(['member', 'staff']), id: idSchema }),
      query: z.object({ channel: z.enum(['telegram', 'zalo']).optional() }).strict(),
    },
    deps,
    async ({ principal, path, query }) => {
      const d = asBotAppDeps(deps());
      const result = await unlinkByAdmin(principal, { kind: path.kind, id: path.id }, query?.channel, {
        ...d.repos,
        messenger: lazyMessenger(d),
      });
      d.logger.info('chat accounts unlinked by the administrator', { count: result.unlinked });
      return ok(result);
    },
  );
}

export const handler = createHandler(defaultDeps);
