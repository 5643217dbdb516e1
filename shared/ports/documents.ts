// ports: renders the October report's files (R22). Injected where needed, so only the functions that send
// the files carry the XLSX and PDF writers in their bundles.
import type { ReportDocumentData } from '../domain/report.js';

export interface ReportRenderer {
  /** The statistical form. */
  xlsx(data: ReportDocumentData): Promise<Uint8Array>;
  /** The written report. */
  pdf(data: ReportDocumentData): Promise<Uint8Array>;
}
