// Request bodies of the emulator: reads JSON, url-encoded and multipart/form-data (file uploads) into one params object.
import type { IncomingMessage } from 'node:http';
import { extname } from 'node:path';
import { BotApiError, badRequest } from './errors.js';

/** One file part of a multipart upload. A class so handlers can tell it from a plain string field. */
export class UploadedFile {
  constructor(
    readonly fileName: string,
    readonly mimeType: string,
    readonly bytes: Buffer,
  ) {}

  /** What the call log shows instead of the bytes. */
  toJSON(): { file_name: string; mime_type: string; file_size: number } {
    return { file_name: this.fileName, mime_type: this.mimeType, file_size: this.bytes.length };
  }
}

export type Params = Record<string, unknown>;

export interface MultipartPart {
  name: string;
  fileName?: string;
  contentType?: string;
  data: Buffer;
}

const MIME_BY_EXTENSION: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.doc': 'application/msword',
  '.csv': 'text/csv',
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.html': 'text/html',
  '.zip': 'application/zip',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
};

/** Telegram guesses the MIME type from the file name when the upload says only octet-stream. */
export function guessMimeType(fileName: string, declared?: string): string {
  if (declared && declared !== 'application/octet-stream') return declared;
  return MIME_BY_EXTENSION[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > maxBytes) throw new BotApiError(413, 'Request Entity Too Large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Query-string parameters first, then the body's, as Telegram merges both. */
export function parseParams(contentType: string | undefined, body: Buffer, query: URLSearchParams): Params {
  const params: Params = Object.fromEntries(query.entries());
  if (body.length === 0) return params;
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw badRequest("can't parse JSON object");
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw badRequest('JSON object expected');
    }
    return { ...params, ...(parsed as Params) };
  }
  if (type === 'application/x-www-form-urlencoded') {
    return { ...params, ...Object.fromEntries(new URLSearchParams(body.toString('utf8')).entries()) };
  }
  if (type === 'multipart/form-data') {
    const boundary = headerParameter(contentType ?? '', 'boundary');
    if (!boundary) throw badRequest('multipart boundary is missing');
    for (const part of parseMultipart(body, boundary)) {
      params[part.name] =
        part.fileName === undefined
          ? part.data.toString('utf8')
          : new UploadedFile(part.fileName, guessMimeType(part.fileName, part.contentType), part.data);
    }
    return params;
  }
  return params;
}

/** Reads `name=value` or `name="value"` out of a header such as Content-Type or Content-Disposition. */
export function headerParameter(header: string, name: string): string | undefined {
  for (const piece of header.split(';').slice(1)) {
    const eq = piece.indexOf('=');
    if (eq < 0) continue;
    if (piece.slice(0, eq).trim().toLowerCase() !== name) continue;
    const raw = piece.slice(eq + 1).trim();
    return raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2
      ? raw.slice(1, -1).replace(/\\(.)/g, '$1')
      : raw;
  }
  return undefined;
}

/**
 * Splits a multipart/form-data body (RFC 7578) into its parts. Minimal on purpose: no nested multipart and no
 * `filename*` encoding, but byte-exact for file contents, tolerant of header case and spacing (grammY writes
 * `content-disposition:form-data;name="x";filename=y` with neither spaces nor quotes).
 */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let cursor = body.indexOf(delimiter);
  if (cursor < 0) throw badRequest('multipart body has no boundary');
  while (true) {
    cursor += delimiter.length;
    // `--` right after a delimiter closes the body.
    if (body[cursor] === 0x2d && body[cursor + 1] === 0x2d) break;
    if (body[cursor] === 0x0d && body[cursor + 1] === 0x0a) cursor += 2;
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), cursor);
    if (next < 0) throw badRequest('multipart body is not terminated');
    const part = body.subarray(cursor, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) throw badRequest('multipart part has no headers');
    const headers = new Map<string, string>();
    for (const line of part.subarray(0, headerEnd).toString('utf8').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const disposition = `x;${headers.get('content-disposition')?.split(';').slice(1).join(';') ?? ''}`;
    const name = headerParameter(disposition, 'name');
    if (name !== undefined) {
      const entry: MultipartPart = { name, data: Buffer.from(part.subarray(headerEnd + 4)) };
      const fileName = headerParameter(disposition, 'filename');
      if (fileName !== undefined) entry.fileName = fileName;
      const contentType = headers.get('content-type');
      if (contentType !== undefined) entry.contentType = contentType;
      parts.push(entry);
    }
    cursor = next + 2;
  }
  return parts;
}
