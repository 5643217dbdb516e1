// Local runtime: log lines for the terminal — the stack's own lines, and the functions' JSON lines through the same formatter as in Lambda.
import { createLogger, type FunctionLog } from '../shared/adapters/logger.js';

export type Line = (text: string) => void;

const time = () => new Date().toTimeString().slice(0, 8);

/** `12:04:31 gateway  POST /introductions → 201 (14 ms)` */
export function prefixed(component: string, write: Line): Line {
  const tag = component.padEnd(9);
  return (text) => write(`${time()} ${tag}${text}`);
}

/**
 * The functions' logger: Powertools Logger with the same allow-list formatter as in Lambda (names, phones
 * and reasons cannot get in), one JSON line per entry — what CloudWatch would hold, request id and
 * correlation id included.
 */
export function functionLogger(write: Line): FunctionLog {
  return createLogger((json) => write(json));
}
