// handler: POST /introductions/import — a UTF-8 CSV of up to 5,000 introductions (as text/csv, or in a JSON
// envelope { csv }), reported per line.
import { csvOfImportBody, importQuerySchema } from '../../shared/schemas/introductions.js';
import { importIntroductions } from '../../shared/services/import.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';
import { introductionPorts } from './ports.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { rawBody: true, query: importQuerySchema },
    deps,
    async ({ principal, body, query, event, context }) => {
      const headers = event.headers ?? {};
      const contentType = (headers['content-type'] ?? headers['Content-Type'] ?? '').toLowerCase();
      const csv = csvOfImportBody(contentType, String(body ?? ''));
      const d = deps();
      // A runtime that gives no remaining time (a local gateway) gets no deadline.
      const remaining =
        typeof context?.getRemainingTimeInMillis === 'function'
          ? () => context.getRemainingTimeInMillis()
          : undefined;
      const report = await importIntroductions(introductionPorts(d), principal, csv, {
        workplaceOrgId: query.workplaceOrgId || undefined,
        // Stop writing before API Gateway's 30 s: the rest is done by sending the same file again.
        remainingMs: remaining,
      });
      d.logger.info('introductions imported', {
        orgId: query.workplaceOrgId ?? principal.orgId,
        status: report.complete ? 'complete' : 'partial',
        count: report.total,
        failed: report.failed,
      });
      return ok(report);
    },
  );
}

export const handler = createHandler(defaultDeps);
