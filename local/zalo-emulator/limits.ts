// Zalo OA API emulator: the call-rate limit (sliding window, answered with -32) and faults injected on demand.
import { FaultQueue, type Injected } from '../emulator-faults.js';
import { ZALO_ERRORS, type ZaloApiAnswer } from './errors.js';

export interface ZaloRateLimits {
  /** Calls to the OpenAPI endpoints per window (Zalo documents 4,000 a minute for an application). */
  perWindow: number;
  /** Sends to one user per window; Infinity unless a test wants a per-user limit. */
  perUserPerWindow: number;
  windowMs: number;
  enabled: boolean;
}

export const DEFAULT_ZALO_RATE_LIMITS: ZaloRateLimits = {
  perWindow: 4000,
  perUserPerWindow: Number.POSITIVE_INFINITY,
  windowMs: 60_000,
  enabled: true,
};

/** Sliding-window log of accepted calls, overall and per user. */
export class ZaloRateLimiter {
  private limits: ZaloRateLimits;
  private all: number[] = [];
  private readonly perUser = new Map<string, number[]>();

  constructor(
    limits: Partial<ZaloRateLimits>,
    private readonly now: () => number,
  ) {
    this.limits = { ...DEFAULT_ZALO_RATE_LIMITS, ...limits };
  }

  get current(): ZaloRateLimits {
    return { ...this.limits };
  }

  set(limits: Partial<ZaloRateLimits>): void {
    this.limits = { ...this.limits, ...limits };
  }

  reset(): void {
    this.all = [];
    this.perUser.clear();
  }

  /** Counts the call when it may go and answers undefined; answers -32 (not counted) when it may not. */
  take(userId: string | undefined): ZaloApiAnswer | undefined {
    if (!this.limits.enabled) return undefined;
    const now = this.now();
    const from = now - this.limits.windowMs;
    this.all = this.all.filter((t) => t > from);
    const userLog =
      userId === undefined ? undefined : (this.perUser.get(userId) ?? []).filter((t) => t > from);
    if (this.all.length >= this.limits.perWindow) return { ...ZALO_ERRORS.rateLimited };
    if (userLog && userLog.length >= this.limits.perUserPerWindow) return { ...ZALO_ERRORS.rateLimited };
    this.all.push(now);
    if (userId !== undefined && userLog) {
      userLog.push(now);
      this.perUser.set(userId, userLog);
    }
    return undefined;
  }
}

export type ZaloEndpoint = 'message' | 'upload' | 'access_token' | 'zns';

export interface ZaloFaultSpec {
  /** Endpoint the fault applies to (any when absent). */
  endpoint?: ZaloEndpoint;
  /** Only sends to this user (any when absent); for ZNS, to this phone as sent (84xxxxxxxxx). */
  userId?: string;
  /** The Zalo error code to answer (HTTP 200 with `error`), e.g. -32, -200, -216. */
  error?: number;
  /** Overrides the usual message of the code. */
  message?: string;
  /** Answer with this HTTP status and no Zalo body instead (a gateway failing: 500, 502, 503). */
  httpStatus?: number;
  /** How many matching calls fail; 1 by default. */
  times?: number;
}

export type InjectedZaloFault = Injected<ZaloFaultSpec>;

const KNOWN_MESSAGES = new Map<number, string>(
  Object.values(ZALO_ERRORS).map((e) => [e.error as number, e.message as string]),
);

export type FaultOutcome = { kind: 'answer'; answer: ZaloApiAnswer } | { kind: 'http'; status: number };

export class ZaloFaultInjector extends FaultQueue<ZaloFaultSpec> {
  override add(spec: ZaloFaultSpec): InjectedZaloFault {
    if (spec.error === undefined && spec.httpStatus === undefined) {
      throw new Error('A fault needs an error code or an HTTP status');
    }
    return super.add(spec);
  }

  /** Uses up the oldest matching fault. */
  take(endpoint: ZaloEndpoint, userId: string | undefined): FaultOutcome | undefined {
    const fault = this.use(
      (f) =>
        (f.endpoint === undefined || f.endpoint === endpoint) &&
        (f.userId === undefined || f.userId === userId),
    );
    if (!fault) return undefined;
    if (fault.httpStatus !== undefined) return { kind: 'http', status: fault.httpStatus };
    const error = fault.error ?? ZALO_ERRORS.sendFailed.error;
    return {
      kind: 'answer',
      answer: { error, message: fault.message ?? KNOWN_MESSAGES.get(error) ?? 'Injected fault' },
    };
  }
}
