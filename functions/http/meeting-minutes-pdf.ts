// handler: GET /meetings/{id}/minutes.pdf — the minutes as a Vietnamese PDF (base64 body).
import { createMinutesPdfRenderer } from '../../shared/adapters/documents/minutes-pdf.js';
import { meetingPathSchema } from '../../shared/schemas/meeting-record.js';
import { exportMinutesPdf } from '../../shared/services/minutes.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { fileResponse, httpRoute } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps, pdf = createMinutesPdfRenderer()) {
  return httpRoute({ path: meetingPathSchema }, deps, async ({ principal, path }) => {
    const d = deps();
    const file = await exportMinutesPdf({ ...d.repos, clock: d.clock, pdf }, principal, path.id);
    return fileResponse(file.bytes, { format: 'pdf', name: file.fileName.replace(/\.pdf$/, '') });
  });
}

export const handler = createHandler(defaultDeps);
