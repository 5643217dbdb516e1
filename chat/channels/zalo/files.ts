// channel (Zalo): the bytes of a file a user sent to the OA — fetched from the event's URL, only on Zalo's file hosts (or the emulator locally), size-capped.
import { ZALO_FILE_HOST_SUFFIXES } from '../../../shared/config/zalo.js';
import { ValidationError } from '../../../shared/domain/errors.js';
import type { ChannelFileSource } from '../../../shared/ports/imports.js';
import { MAX_IMPORT_FILE_BYTES } from '../../../shared/services/import-job.js';

export interface ZaloFileSourceOptions {
  /** Zalo's file hosts (ZALO_FILE_HOST_SUFFIXES by default): `https:` URLs on these or their subdomains. */
  hostSuffixes?: readonly string[];
  /**
   * Roots served by the emulator locally (ZALO_API_ROOT): its `/files/<token>` URLs are fetched whatever
   * their scheme. Never set in AWS, where only Zalo's hosts are reachable.
   */
  trustedRoots?: readonly string[];
  /** The largest file read (the members' import limit by default); more is refused, not truncated. */
  maxBytes?: number;
  /** Redirects followed, each checked like the first URL (Zalo's file links hop between its hosts). */
  maxRedirects?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * The URL in a `user_send_file` event comes from a signed event, but it is still never fetched unless it is
 * on Zalo's file hosts: the webhook's Lambda must not be made to reach an arbitrary address (SSRF). A file
 * refused here is a ValidationError (the import tells the user the file could not be read); a failed
 * download (network, 5xx) is an Error the import job's queue retries.
 */
export class ZaloFileSource implements ChannelFileSource {
  private readonly suffixes: readonly string[];
  private readonly roots: readonly URL[];
  private readonly maxBytes: number;
  private readonly maxRedirects: number;
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;

  constructor(options: ZaloFileSourceOptions = {}) {
    this.suffixes = (options.hostSuffixes ?? ZALO_FILE_HOST_SUFFIXES).map((s) => s.toLowerCase());
    this.roots = (options.trustedRoots ?? []).map((r) => new URL(r.endsWith('/') ? r : `${r}/`));
    this.maxBytes = options.maxBytes ?? MAX_IMPORT_FILE_BYTES;
    this.maxRedirects = options.maxRedirects ?? 3;
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  /** Whether this URL may be fetched: `https:` on Zalo's file hosts (default port, no credentials), or the emulator's files. */
  accepts(url: string): boolean {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.username || parsed.password) return false;
    const underRoot = this.roots.some(
      (root) => parsed.origin === root.origin && parsed.pathname.startsWith(`${root.pathname}files/`),
    );
    if (underRoot) return true;
    if (parsed.protocol !== 'https:' || parsed.port !== '') return false;
    const host = parsed.hostname.toLowerCase();
    return this.suffixes.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
  }

  async download(fileId: string): Promise<Uint8Array> {
    let url = fileId;
    for (let hop = 0; hop <= this.maxRedirects; hop++) {
      if (!this.accepts(url)) {
        throw new ValidationError(
          { vi: 'Tệp không nằm trên máy chủ tệp của Zalo', en: 'The file is not on a Zalo file host' },
          [{ code: 'custom', path: ['file'], message: 'tệp không đến từ Zalo' }],
        );
      }
      const response = await this.fetch(url, {
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (REDIRECTS.has(response.status)) {
        const location = response.headers.get('location');
        await response.body?.cancel();
        if (!location)
          throw new Error(`Zalo file download answered HTTP ${response.status} without a location`);
        url = new URL(location, url).href;
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new Error(`Zalo file download failed with HTTP ${response.status}`);
      }
      return this.read(response);
    }
    throw new ValidationError(
      {
        vi: 'Không tải được tệp: bị chuyển hướng quá nhiều lần',
        en: 'The file download redirected too often',
      },
      [{ code: 'custom', path: ['file'], message: 'tệp chuyển hướng quá nhiều lần' }],
    );
  }

  /** Reads the body up to the cap: a declared or actual length beyond it stops the read at once. */
  private async read(response: Response): Promise<Uint8Array> {
    const tooLarge = () =>
      new ValidationError({ vi: 'Tệp quá lớn', en: 'The file is too large' }, [
        { code: 'custom', path: ['file'], message: 'tệp quá lớn' },
      ]);
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (Number.isFinite(declared) && declared > this.maxBytes) {
      await response.body?.cancel();
      throw tooLarge();
    }
    if (!response.body) return new Uint8Array();
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = response.body.getReader();
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > this.maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return bytes;
  }
}
