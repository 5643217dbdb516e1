// handler: PUT /committees/{id}/reports/{year}/narrative — write the report's narrative (assessment, difficulties, proposals; R22) before compiling; the same texts again change nothing.
import { reportNarrativeInputSchema, reportNarrativePathSchema } from '../../shared/schemas/year-end.js';
import { saveReportNarrative } from '../../shared/services/report-narrative.js';
import type { AppDeps } from '../deps.js';
import { defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: reportNarrativePathSchema, body: reportNarrativeInputSchema },
    deps,
    async ({ principal, path, body }) => {
      const d = deps();
      const sections = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
      const outcome = await saveReportNarrative({ ...d.repos, clock: d.clock }, principal, {
        orgId: path.id,
        year: path.year,
        sections,
      });
      // Counts and ids only: the texts are the committee's writing, not for the logs.
      d.logger.info('report narrative saved', {
        orgId: path.id,
        year: path.year,
        version: outcome.narrative.version,
        count: outcome.changed ? 1 : 0,
      });
      return ok(outcome);
    },
  );
}

export const handler = createHandler(defaultDeps);
