// local: the HTTP pieces the Telegram and Zalo emulators share — a JSON answer, a control-API error, and the
// first look at a request (its URL, a browser's preflight answered, the control API's paths), a file download.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error of the control API that becomes an HTTP answer with its status. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A JSON answer; nothing when the client is gone already. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

/**
 * The request's URL, or undefined when it was a browser's preflight (OPTIONS), answered here with 204: the caller
 * has admitted it already, which set the CORS headers.
 */
export function requestUrl(req: IncomingMessage, res: ServerResponse): URL | undefined {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (req.method === 'OPTIONS') {
    res.writeHead(204);
    res.end();
    return undefined;
  }
  return url;
}

/** The emulator's control API: `/_emulator` and below. */
export function isControlPath(path: string): boolean {
  return path === '/_emulator' || path.startsWith('/_emulator/');
}

/** A stored file as a download (its own type, its name in UTF-8). */
export function sendFile(
  res: ServerResponse,
  file: { fileName: string; mimeType: string; bytes: Buffer | Uint8Array },
): void {
  res.writeHead(200, {
    'content-type': file.mimeType,
    'content-length': file.bytes.length,
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
  });
  res.end(file.bytes);
}
