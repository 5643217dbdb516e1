// adapter: the October report's files as the bot sends them (our XLSX and PDF writers; import only where sent).
import type { ReportRenderer } from '../../ports/documents.js';
import { buildReportPdf } from './report-pdf.js';
import { buildReportXlsx } from './report-xlsx.js';

export const reportRenderer: ReportRenderer = {
  xlsx: buildReportXlsx,
  pdf: (data) => buildReportPdf(data),
};
