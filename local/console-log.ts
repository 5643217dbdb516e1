// Local runtime: readable log lines for the terminal — the stack's own lines, and the functions' allow-listed logs reformatted.
import { createLogger, type Logger } from '../shared/adapters/logger.js';

export type Line = (text: string) => void;

const time = () => new Date().toTimeString().slice(0, 8);

/** `12:04:31 gateway  POST /introductions → 201 (14 ms)` */
export function prefixed(component: string, write: Line): Line {
  const tag = component.padEnd(9);
  return (text) => write(`${time()} ${tag}${text}`);
}

/**
 * The functions' logger, with the same allow-list as in Lambda (names, phones and reasons cannot get
 * in), printed as `message key=value …` instead of JSON.
 */
export function functionLogger(write: Line): Logger {
  return createLogger((json) => {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(json) as Record<string, unknown>;
    } catch {
      write(json);
      return;
    }
    const { level, message, time: _time, ...fields } = parsed;
    const rest = Object.entries(fields)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ');
    const mark = level === 'error' ? 'ERROR ' : level === 'warn' ? 'warn  ' : '';
    write(`${mark}${String(message)}${rest ? ` ${rest}` : ''}`);
  });
}
