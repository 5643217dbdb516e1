// handler: GET /committees/{id}/reports/{year} — the stored October report (R22) as JSON; `{year}` = `2026.xlsx`
// gives the statistical form and `2026.pdf` the written report. One route, because API Gateway path
// variables take a whole segment (`{year}.xlsx` is not a valid route), and the URLs stay the same.
import { buildReportPdf } from '../../shared/adapters/documents/report-pdf.js';
import { buildReportXlsx } from '../../shared/adapters/documents/report-xlsx.js';
import { reportPathSchema } from '../../shared/schemas/year-end.js';
import { getOctoberReport, octoberReportDocument } from '../../shared/services/october-report.js';
import type { AppDeps } from '../deps.js';
import { defaultDeps } from '../deps.js';
import { fileResponse, httpRoute, ok } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute({ path: reportPathSchema }, deps, async ({ principal, path }) => {
    const d = deps();
    const ports = { ...d.repos, clock: d.clock };
    const input = { orgId: path.id, year: path.year.year };
    const format = path.year.format;
    if (format === 'json') return ok(await getOctoberReport(ports, principal, input));
    const data = await octoberReportDocument(ports, principal, input);
    const name = `bao-cao-lien-he-noi-cu-tru-${input.orgId}-${input.year}`;
    const bytes = format === 'xlsx' ? await buildReportXlsx(data) : await buildReportPdf(data);
    return fileResponse(bytes, { format, name, disposition: 'attachment' });
  });
}

export const handler = createHandler(defaultDeps);
