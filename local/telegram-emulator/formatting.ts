// parse_mode of the emulator: turns HTML, MarkdownV2 and Markdown into plain text plus entities, failing as Telegram does.
import type { MessageEntity } from 'grammy/types';
import { type BotApiError, badRequest } from './errors.js';

export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

type EntityType = MessageEntity['type'];

interface OpenEntity {
  type: EntityType;
  start: number;
  tag: string;
  url?: string;
  language?: string;
  customEmojiId?: string;
  /** `<code>` directly inside `<pre>` gives the pre its language instead of an entity of its own. */
  merged?: boolean;
}

function parseError(detail: string): BotApiError {
  return badRequest(`can't parse entities: ${detail}`);
}

function byteOffset(raw: string, index: number): number {
  return Buffer.byteLength(raw.slice(0, index), 'utf8');
}

function makeEntity(open: OpenEntity, end: number): MessageEntity | undefined {
  const offset = open.start;
  const length = end - open.start;
  if (length <= 0 || open.merged) return undefined;
  switch (open.type) {
    case 'text_link':
      return open.url ? { type: 'text_link', offset, length, url: open.url } : undefined;
    case 'pre':
      return open.language
        ? { type: 'pre', offset, length, language: open.language }
        : { type: 'pre', offset, length };
    case 'custom_emoji':
      return { type: 'custom_emoji', offset, length, custom_emoji_id: open.customEmojiId ?? '' };
    case 'text_mention':
      return undefined;
    default:
      return { type: open.type, offset, length } as MessageEntity;
  }
}

/** Telegram lists entities by offset, an outer entity before the inner ones that start with it. */
function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
}

const HTML_TAGS: Record<string, EntityType> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
  'tg-emoji': 'custom_emoji',
};

function parseAttributes(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of source.matchAll(/([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    const name = match[1];
    if (name) attributes.set(name.toLowerCase(), match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attributes;
}

function decodeHtmlEntity(name: string): string | undefined {
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
  if (name.startsWith('#x') || name.startsWith('#X'))
    return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
  if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
  return named[name.toLowerCase()];
}

function parseHtml(raw: string): FormattedText {
  let text = '';
  const entities: MessageEntity[] = [];
  const stack: OpenEntity[] = [];
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i] ?? '';
    if (ch === '&') {
      const match = /^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,6});/.exec(raw.slice(i, i + 12));
      const decoded = match?.[1] ? decodeHtmlEntity(match[1]) : undefined;
      if (match && decoded !== undefined) {
        text += decoded;
        i += match[0].length;
      } else {
        text += ch;
        i += 1;
      }
      continue;
    }
    if (ch !== '<') {
      text += ch;
      i += 1;
      continue;
    }
    const close = raw.indexOf('>', i);
    if (close < 0) throw parseError(`Unclosed start tag at byte offset ${byteOffset(raw, i)}`);
    const inner = raw.slice(i + 1, close);
    if (inner.startsWith('/')) {
      const name = inner.slice(1).trim().toLowerCase();
      const open = stack.pop();
      if (!open) throw parseError(`Unexpected end tag at byte offset ${byteOffset(raw, i)}`);
      if (open.tag !== name) {
        throw parseError(
          `Unmatched end tag at byte offset ${byteOffset(raw, i)}, expected "</${open.tag}>", found "</${name}>"`,
        );
      }
      const entity = makeEntity(open, text.length);
      if (entity) entities.push(entity);
    } else {
      const match = /^([a-zA-Z][a-zA-Z0-9-]*)([\s\S]*?)\/?$/.exec(inner);
      const name = match?.[1]?.toLowerCase() ?? '';
      const type = HTML_TAGS[name];
      if (!type) throw parseError(`Unsupported start tag "${name}" at byte offset ${byteOffset(raw, i)}`);
      const attributes = parseAttributes(match?.[2] ?? '');
      const open: OpenEntity = { type, start: text.length, tag: name };
      if (name === 'span' && attributes.get('class') !== 'tg-spoiler') {
        throw parseError(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(raw, i)}`);
      }
      if (name === 'a') {
        const href = attributes.get('href');
        if (href !== undefined) open.url = href;
      }
      if (name === 'blockquote' && attributes.has('expandable')) open.type = 'expandable_blockquote';
      if (name === 'tg-emoji') open.customEmojiId = attributes.get('emoji-id') ?? '';
      const parent = stack[stack.length - 1];
      if (name === 'code' && parent?.type === 'pre' && parent.start === text.length) {
        const language = /^language-(.+)$/.exec(attributes.get('class') ?? '')?.[1];
        if (language) parent.language = language;
        open.merged = true;
      }
      stack.push(open);
    }
    i = close + 1;
  }
  const unclosed = stack[stack.length - 1];
  if (unclosed) throw parseError(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
  return { text, entities: sortEntities(entities) };
}

const MARKDOWN_V2_RESERVED = '_*[]()~`>#+-=|{}.!';

const ENTITY_NAMES: Partial<Record<EntityType, string>> = {
  bold: 'Bold',
  italic: 'Italic',
  underline: 'Underline',
  strikethrough: 'Strikethrough',
  spoiler: 'Spoiler',
  text_link: 'TextUrl',
  code: 'Code',
  pre: 'Pre',
};

function parseMarkdownV2(raw: string): FormattedText {
  let text = '';
  const entities: MessageEntity[] = [];
  const stack: (OpenEntity & { at: number })[] = [];
  let quote: number | undefined;
  let i = 0;

  /** Reads up to an unescaped `end`, where only `\` escapes count (inside code, pre and link URLs). */
  const readVerbatim = (from: number, end: string, what: string): [string, number] => {
    let out = '';
    let j = from;
    while (j < raw.length) {
      if (raw[j] === '\\' && j + 1 < raw.length) {
        out += raw[j + 1];
        j += 2;
      } else if (raw.startsWith(end, j)) {
        return [out, j + end.length];
      } else {
        out += raw[j];
        j += 1;
      }
    }
    throw parseError(`Can't find end of ${what} entity at byte offset ${byteOffset(raw, from - 1)}`);
  };

  const toggle = (type: EntityType, width: number): void => {
    const top = stack[stack.length - 1];
    if (top?.type === type) {
      stack.pop();
      const entity = makeEntity(top, text.length);
      if (entity) entities.push(entity);
    } else if (stack.some((e) => e.type === type)) {
      throw parseError(`Can't find end of ${ENTITY_NAMES[type]} entity at byte offset ${byteOffset(raw, i)}`);
    } else {
      stack.push({ type, start: text.length, tag: type, at: i });
    }
    i += width;
  };

  while (i < raw.length) {
    const ch = raw[i] ?? '';
    const lineStart = i === 0 || raw[i - 1] === '\n';
    if (ch === '\\') {
      const next = raw[i + 1];
      if (next === undefined)
        throw parseError(`Character '\\' is reserved and must be escaped with the preceding '\\'`);
      text += next;
      i += 2;
    } else if (ch === '`' && raw.startsWith('```', i)) {
      const [body, after] = readVerbatim(i + 3, '```', 'Pre');
      const newline = body.indexOf('\n');
      const language = newline > 0 && !/\s/.test(body.slice(0, newline)) ? body.slice(0, newline) : undefined;
      const content =
        language !== undefined ? body.slice(newline + 1) : body.startsWith('\n') ? body.slice(1) : body;
      const start = text.length;
      text += content;
      const entity = makeEntity(
        { type: 'pre', start, tag: 'pre', language: language || undefined },
        text.length,
      );
      if (entity) entities.push(entity);
      i = after;
    } else if (ch === '`') {
      const [body, after] = readVerbatim(i + 1, '`', 'Code');
      const start = text.length;
      text += body;
      const entity = makeEntity({ type: 'code', start, tag: 'code' }, text.length);
      if (entity) entities.push(entity);
      i = after;
    } else if (ch === '*') {
      toggle('bold', 1);
    } else if (ch === '_') {
      if (raw[i + 1] === '_') toggle('underline', 2);
      else toggle('italic', 1);
    } else if (ch === '~') {
      toggle('strikethrough', 1);
    } else if (ch === '|' && raw[i + 1] === '|') {
      toggle('spoiler', 2);
    } else if (ch === '[') {
      stack.push({ type: 'text_link', start: text.length, tag: 'link', at: i });
      i += 1;
    } else if (ch === ']' && stack[stack.length - 1]?.type === 'text_link' && raw[i + 1] === '(') {
      const open = stack.pop();
      const [url, after] = readVerbatim(i + 2, ')', 'TextUrl');
      if (open) {
        const entity = makeEntity({ ...open, url }, text.length);
        if (entity) entities.push(entity);
      }
      i = after;
    } else if (ch === '>' && lineStart) {
      if (quote === undefined) quote = text.length;
      i += 1;
    } else if (MARKDOWN_V2_RESERVED.includes(ch)) {
      throw parseError(`Character '${ch}' is reserved and must be escaped with the preceding '\\'`);
    } else {
      if (ch === '\n' && quote !== undefined && raw[i + 1] !== '>') {
        entities.push({ type: 'blockquote', offset: quote, length: text.length - quote });
        quote = undefined;
      }
      text += ch;
      i += 1;
    }
  }
  if (quote !== undefined && text.length > quote) {
    entities.push({ type: 'blockquote', offset: quote, length: text.length - quote });
  }
  const unclosed = stack[stack.length - 1];
  if (unclosed) {
    throw parseError(
      `Can't find end of ${ENTITY_NAMES[unclosed.type]} entity at byte offset ${byteOffset(raw, unclosed.at)}`,
    );
  }
  return { text, entities: sortEntities(entities) };
}

/** The legacy Markdown mode: no nesting, no escaping rules beyond `\` before a marker. */
function parseMarkdown(raw: string): FormattedText {
  let text = '';
  const entities: MessageEntity[] = [];
  const markers: Record<string, EntityType> = { '*': 'bold', _: 'italic', '`': 'code' };
  let i = 0;
  const unclosed = (at: number) =>
    parseError(`Can't find end of the entity starting at byte offset ${byteOffset(raw, at)}`);
  while (i < raw.length) {
    const ch = raw[i] ?? '';
    if (ch === '\\' && '_*`['.includes(raw[i + 1] ?? ' ')) {
      text += raw[i + 1];
      i += 2;
    } else if (raw.startsWith('```', i)) {
      const end = raw.indexOf('```', i + 3);
      if (end < 0) throw unclosed(i);
      const start = text.length;
      text += raw.slice(i + 3, end).replace(/^\n/, '');
      if (text.length > start) entities.push({ type: 'pre', offset: start, length: text.length - start });
      i = end + 3;
    } else if (markers[ch]) {
      const end = raw.indexOf(ch, i + 1);
      if (end < 0) throw unclosed(i);
      const start = text.length;
      text += raw.slice(i + 1, end);
      if (text.length > start)
        entities.push({ type: markers[ch], offset: start, length: text.length - start } as MessageEntity);
      i = end + 1;
    } else if (ch === '[') {
      const match = /^\[([^\]]*)\]\(([^)]*)\)/.exec(raw.slice(i));
      if (!match) throw unclosed(i);
      const start = text.length;
      text += match[1] ?? '';
      if (text.length > start) {
        entities.push({ type: 'text_link', offset: start, length: text.length - start, url: match[2] ?? '' });
      }
      i += match[0].length;
    } else {
      text += ch;
      i += 1;
    }
  }
  return { text, entities };
}

/** Telegram strips whitespace around a message; entities shift and shrink with it. */
function trim(formatted: FormattedText): FormattedText {
  const lead = formatted.text.length - formatted.text.trimStart().length;
  const text = formatted.text.trim();
  const entities: MessageEntity[] = [];
  for (const entity of formatted.entities) {
    const start = Math.max(0, entity.offset - lead);
    const end = Math.min(text.length, entity.offset + entity.length - lead);
    if (end > start) entities.push({ ...entity, offset: start, length: end - start });
  }
  return { text, entities };
}

/**
 * Parses `raw` as Telegram does for `parse_mode` (HTML, MarkdownV2, Markdown, or none). Throws the Bot API's
 * `can't parse entities` 400 on malformed input, and `unsupported parse_mode` on an unknown mode.
 */
export function formatText(raw: string, parseMode: string | undefined): FormattedText {
  if (parseMode === undefined || parseMode === '') return trim({ text: raw, entities: [] });
  switch (parseMode.toLowerCase()) {
    case 'html':
      return trim(parseHtml(raw));
    case 'markdownv2':
      return trim(parseMarkdownV2(raw));
    case 'markdown':
      return trim(parseMarkdown(raw));
    default:
      throw badRequest(`unsupported parse_mode`);
  }
}
