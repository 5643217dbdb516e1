// handler: POST /introductions/import — a UTF-8 CSV of up to 5,000 introductions, reported per line.
import { ValidationError } from '../../shared/domain/errors.js';
import { importQuerySchema } from '../../shared/schemas/introductions.js';
import { importIntroductions } from '../../shared/services/import.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';
import { introductionPorts } from './ports.js';

const CSV_TYPES = ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'];

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { rawBody: true, query: importQuerySchema },
    deps,
    async ({ principal, body, query, event, context }) => {
      const contentType = (
        event.headers?.['content-type'] ??
        event.headers?.['Content-Type'] ??
        ''
      ).toLowerCase();
      if (!CSV_TYPES.some((t) => contentType.startsWith(t))) {
        throw new ValidationError('The body must be a CSV file (Content-Type: text/csv; charset=utf-8)', [
          { code: 'custom', path: ['content-type'], message: 'gửi tệp CSV với Content-Type: text/csv' },
        ]);
      }
      const d = deps();
      const report = await importIntroductions(introductionPorts(d), principal, String(body ?? ''), {
        ...(query.workplaceOrgId ? { workplaceOrgId: query.workplaceOrgId } : {}),
        // Stop writing before API Gateway's 30 s: the rest is done by sending the same file again.
        remainingMs: () => context.getRemainingTimeInMillis(),
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
