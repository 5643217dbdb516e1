// Unit tests of the Telegram emulator's parsers and flood limiter: parse_mode, multipart bodies, bot_command entities.
import { describe, expect, it } from 'vitest';
import {
  BotApiError,
  commandEntities,
  formatText,
  parseMultipart,
} from '../../local/telegram-emulator/index.js';
import { RateLimiter } from '../../local/telegram-emulator/limits.js';

function parseFailure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof BotApiError) return error.description;
    throw error;
  }
  throw new Error('Expected a Bot API error');
}

describe('Function: formatText', () => {
  it('turns nested HTML into text and entities, outer entity first', () => {
    // Act
    const result = formatText('<b>Họp <i>chi bộ</i></b> <a href="https://x.vn">link</a> 1 &lt; 2', 'HTML');

    // Assess
    expect(result.text).toBe('Họp chi bộ link 1 < 2');
    expect(result.entities).toEqual([
      { type: 'bold', offset: 0, length: 10 },
      { type: 'italic', offset: 4, length: 6 },
      { type: 'text_link', offset: 11, length: 4, url: 'https://x.vn' },
    ]);
  });

  it('gives <pre><code class="language-x"> one pre entity with the language, and trims whitespace', () => {
    // Act
    const result = formatText('  <pre><code class="language-ts">let a = 1;</code></pre>  ', 'HTML');

    // Assess
    expect(result).toEqual({
      text: 'let a = 1;',
      entities: [{ type: 'pre', offset: 0, length: 10, language: 'ts' }],
    });
  });

  it('rejects unknown tags and mismatched end tags as Telegram does', () => {
    // Act
    const unknown = parseFailure(() => formatText('a<br>b', 'HTML'));
    const mismatched = parseFailure(() => formatText('<b><i>x</b></i>', 'HTML'));

    // Assess
    expect(unknown).toBe(`Bad Request: can't parse entities: Unsupported start tag "br" at byte offset 1`);
    expect(mismatched).toMatch(/Unmatched end tag at byte offset \d+, expected "<\/i>", found "<\/b>"/);
  });

  it('parses MarkdownV2 bold, underline, links, code and escapes', () => {
    // Act
    const result = formatText('*Lịch* __họp__ [tại đây](https://x.vn/a\\)b) `a_b` 3\\.5', 'MarkdownV2');

    // Assess
    expect(result.text).toBe('Lịch họp tại đây a_b 3.5');
    expect(result.entities).toEqual([
      { type: 'bold', offset: 0, length: 4 },
      { type: 'underline', offset: 5, length: 3 },
      { type: 'text_link', offset: 9, length: 7, url: 'https://x.vn/a)b' },
      { type: 'code', offset: 17, length: 3 },
    ]);
  });

  it('reports an unclosed MarkdownV2 entity and an unknown parse mode', () => {
    // Act
    const unclosed = parseFailure(() => formatText('*bold', 'MarkdownV2'));
    const mode = parseFailure(() => formatText('x', 'Textile'));

    // Assess
    expect(unclosed).toBe(
      `Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 0`,
    );
    expect(mode).toBe('Bad Request: unsupported parse_mode');
  });
});

describe('Function: parseMultipart', () => {
  it('reads unquoted grammY-style and quoted browser-style parts byte for byte', () => {
    // Prepare
    const file = Buffer.from([0x00, 0x0d, 0x0a, 0x2d, 0x2d, 0xff]);
    const body = Buffer.concat([
      Buffer.from('--XyZ\r\ncontent-disposition:form-data;name="chat_id"\r\n\r\n42\r\n--XyZ\r\n'),
      Buffer.from(
        'Content-Disposition: form-data; name="doc"; filename="a b.bin"\r\nContent-Type: image/png\r\n\r\n',
      ),
      file,
      Buffer.from('\r\n--XyZ--\r\n'),
    ]);

    // Act
    const parts = parseMultipart(body, 'XyZ');

    // Assess
    expect(parts.map((p) => [p.name, p.fileName, p.contentType])).toEqual([
      ['chat_id', undefined, undefined],
      ['doc', 'a b.bin', 'image/png'],
    ]);
    expect(parts[0]?.data.toString()).toBe('42');
    expect(parts[1]?.data.equals(file)).toBe(true);
  });
});

describe('Function: commandEntities', () => {
  it('marks slash commands at word starts, with an optional @bot', () => {
    // Act
    const entities = commandEntities('/start abc, then /help@my_bot and not a/b');

    // Assess
    expect(entities).toEqual([
      { type: 'bot_command', offset: 0, length: 6 },
      { type: 'bot_command', offset: 17, length: 12 },
    ]);
  });
});

describe('Class: RateLimiter', () => {
  it('slides the window per chat and globally, with retry_after of at least one second', () => {
    // Prepare
    let now = 10_000;
    const limiter = new RateLimiter({ globalPerSecond: 2, perChatPerSecond: 1 }, () => now);
    limiter.record('a');

    // Act
    const sameChat = limiter.check('a');
    limiter.record('b');
    const global = limiter.check('c');
    now += 1000;
    const later = limiter.check('a');

    // Assess
    expect(sameChat?.retryAfter).toBe(1);
    expect(global?.description).toBe('Too Many Requests: retry after 1');
    expect(later).toBeUndefined();
  });
});
