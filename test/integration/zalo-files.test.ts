// Integration: the Zalo file source over loopback — it fetches only Zalo's file hosts (or the emulator's root), checks every redirect, and stops at the size cap.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ZaloFileSource } from '../../chat/channels/zalo/files.js';
import { ValidationError } from '../../shared/domain/errors.js';

/** The error a download fails with (the test fails if it succeeds). */
async function failure(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('The download succeeded but an error was expected');
}

describe('Class: ZaloFileSource', () => {
  /** Stands for the emulator's root (trusted) and, under another name (localhost), for a foreign host. */
  let server: Server;
  let root: string;
  let foreign: string;
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.url ?? '');
      if (req.url === '/files/ok') return res.end('so_the_dang\r\n1\r\n');
      if (req.url === '/files/to-foreign') {
        res.writeHead(302, { location: `${foreign}/files/ok` });
        return res.end();
      }
      if (req.url === '/files/to-ok') {
        res.writeHead(307, { location: '/files/ok' });
        return res.end();
      }
      if (req.url === '/files/big') return res.end(Buffer.alloc(64, 0x41));
      if (req.url === '/files/gone') {
        res.writeHead(500);
        return res.end();
      }
      res.writeHead(404);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    root = `http://127.0.0.1:${port}`;
    foreign = `http://localhost:${port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    seen.length = 0;
  });

  it("accepts https on Zalo's file hosts and their subdomains only", () => {
    // Prepare
    const files = new ZaloFileSource();

    // Act / Assess
    expect(files.accepts('https://f21-zpc.zdn.vn/x/danh-sach.csv')).toBe(true);
    expect(files.accepts('https://file-stal-22.dlfl.vn/gr/a')).toBe(true);
    expect(files.accepts('https://zadn.vn/a')).toBe(true);
    expect(files.accepts('http://f21-zpc.zdn.vn/x')).toBe(false);
    expect(files.accepts('https://f21-zpc.zdn.vn:8443/x')).toBe(false);
    expect(files.accepts('https://user:pw@f21-zpc.zdn.vn/x')).toBe(false);
    expect(files.accepts('https://zdn.vn.attacker.example/x')).toBe(false);
    expect(files.accepts('https://evilzdn.vn/x')).toBe(false);
    expect(files.accepts('https://169.254.169.254/latest/meta-data')).toBe(false);
    expect(files.accepts('not a url')).toBe(false);
  });

  it("downloads from the trusted root's /files/, following a redirect that stays there", async () => {
    // Prepare
    const files = new ZaloFileSource({ trustedRoots: [root] });

    // Act
    const direct = await files.download(`${root}/files/ok`);
    const redirected = await files.download(`${root}/files/to-ok`);

    // Assess
    expect(new TextDecoder().decode(direct)).toBe('so_the_dang\r\n1\r\n');
    expect(new TextDecoder().decode(redirected)).toBe('so_the_dang\r\n1\r\n');
    expect(seen).toEqual(['/files/ok', '/files/to-ok', '/files/ok']);
  });

  it('refuses a foreign URL before fetching it, and a redirect to one before following it', async () => {
    // Prepare
    const files = new ZaloFileSource({ trustedRoots: [root] });

    // Act
    const foreignUrl = await failure(files.download(`${foreign}/files/ok`));
    const outsideFiles = await failure(files.download(`${root}/v3.0/oa/message/cs`));
    const redirect = await failure(files.download(`${root}/files/to-foreign`));

    // Assess
    expect(foreignUrl).toBeInstanceOf(ValidationError);
    expect(outsideFiles).toBeInstanceOf(ValidationError);
    expect(redirect).toBeInstanceOf(ValidationError);
    expect(seen).toEqual(['/files/to-foreign']);
  });

  it('refuses a file over the cap (a ValidationError: not retried) and fails a 5xx (an Error: retried)', async () => {
    // Prepare
    const files = new ZaloFileSource({ trustedRoots: [root], maxBytes: 32 });

    // Act
    const big = await failure(files.download(`${root}/files/big`));
    const gone = await failure(files.download(`${root}/files/gone`));

    // Assess
    expect(big).toBeInstanceOf(ValidationError);
    expect(gone).toBeInstanceOf(Error);
    expect(gone).not.toBeInstanceOf(ValidationError);
  });
});
