// local: the HTTP pieces the Telegram and Zalo emulators share — a JSON answer and a control-API error.
import type { ServerResponse } from 'node:http';

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
