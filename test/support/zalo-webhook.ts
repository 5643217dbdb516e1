// Test support: a loopback HTTP endpoint for the Zalo emulator's webhook POSTs, recording each request and answering as told.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedZaloRequest {
  rawBody: string;
  signature: string | undefined;
  contentType: string | undefined;
}

export interface ZaloWebhookReceiver {
  url: string;
  received: ReceivedZaloRequest[];
  close(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks).toString('utf8');
}

/** Listens on loopback; `answer` decides the status of each request (200 unless it says otherwise). */
export async function startZaloWebhookReceiver(
  answer: (request: ReceivedZaloRequest) => Promise<number> | number = () => 200,
): Promise<ZaloWebhookReceiver> {
  const received: ReceivedZaloRequest[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const header = req.headers['x-zevent-signature'];
      const request: ReceivedZaloRequest = {
        rawBody: await bodyOf(req),
        signature: Array.isArray(header) ? header[0] : header,
        contentType: req.headers['content-type'],
      };
      received.push(request);
      let status = 500;
      try {
        status = await answer(request);
      } finally {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end('{}');
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/zalo/webhook`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
