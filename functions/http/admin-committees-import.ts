// handler: POST /committees/import — committees in bulk from a UTF-8 CSV (text/csv), reported per line; all or nothing.
import { ValidationError } from '../../shared/domain/errors.js';
import { importCommittees } from '../../shared/services/committee-import.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';
import { committeePorts } from './ports.js';

const CSV_TYPES = ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'];

export function createHandler(deps: () => AppDeps) {
  return httpRoute({ rawBody: true }, deps, async ({ principal, body, event }) => {
    const headers = event.headers ?? {};
    const contentType = (headers['content-type'] ?? headers['Content-Type'] ?? '').toLowerCase();
    if (!CSV_TYPES.some((t) => contentType.startsWith(t))) {
      throw new ValidationError({ vi: 'Hãy gửi tệp CSV', en: 'Content-Type: text/csv; charset=utf-8' }, [
        { code: 'custom', path: ['content-type'], message: 'gửi tệp CSV với Content-Type: text/csv' },
      ]);
    }
    const d = deps();
    const report = await importCommittees(principal, String(body ?? ''), committeePorts(d));
    d.logger.info('committees imported', {
      orgId: principal.orgId,
      count: report.total,
      failed: report.failed,
    });
    return ok(report);
  });
}

export const handler = createHandler(defaultDeps);
