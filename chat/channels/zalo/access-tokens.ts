// channel (Zalo): the OA access token for a send — read from the shared store, and renewed so that each refresh token is spent once across all containers.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../shared/ports/common.js';
import type { Metrics } from '../../../shared/ports/metrics.js';
import type { StoredZaloTokens, ZaloTokenStore } from '../../../shared/ports/zalo.js';
import type { RefreshedZaloTokens, ZaloAppCredentials } from './api-client.js';

/**
 * How long a container's claim on a refresh holds. One refresh is one HTTP call with a 10 s timeout; twice that
 * leaves room for a slow DynamoDB write after it, and a container that died mid-refresh blocks the others no longer.
 */
export const REFRESH_LEASE_MS = 30_000;

/**
 * Renew this long before Zalo's stated expiry: a token that expires between our check and Zalo's would cost a
 * refused send and a retry, and Lambda containers' clocks drift by seconds.
 */
export const EXPIRY_MARGIN_MS = 5 * 60 * 1000;

/** How long a container waits for another's refresh before giving up the send (it is retried by its caller). */
export const WAIT_FOR_OTHER_REFRESH_MS = REFRESH_LEASE_MS + 10_000;

/** The store holds no pair: the OA was never authorised (an administrator installs the first pair). */
export class ZaloTokensMissingError extends Error {
  constructor() {
    super('No Zalo OA token pair is stored');
    this.name = 'ZaloTokensMissingError';
  }
}

/** Another container claimed the refresh and stored nothing in time. */
export class ZaloTokenRefreshTimeoutError extends Error {
  constructor() {
    super('Waited too long for another container to refresh the Zalo OA token');
    this.name = 'ZaloTokenRefreshTimeoutError';
  }
}

export interface ZaloTokenRefresher {
  refreshTokens(app: ZaloAppCredentials, refreshToken: string): Promise<RefreshedZaloTokens>;
}

export interface ZaloAccessTokensDeps {
  store: ZaloTokenStore;
  refresher: ZaloTokenRefresher;
  app: ZaloAppCredentials;
  clock: Clock;
  /** This container's name on a claim; a random id unless a test names it. */
  owner?: string;
  /** How to wait between re-reads while another container refreshes (tests may pass a faster one). */
  pause?: (ms: number) => Promise<void>;
  /** Counts failed refreshes (ZaloTokenRefreshFailed): the operator's alarm (docs/operations.md). */
  metrics?: Metrics;
}

const defaultPause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class ZaloAccessTokens {
  private readonly owner: string;
  private readonly pause: (ms: number) => Promise<void>;
  private cached: StoredZaloTokens | undefined;
  private renewing: Promise<string> | undefined;

  constructor(private readonly deps: ZaloAccessTokensDeps) {
    this.owner = deps.owner ?? randomUUID();
    this.pause = deps.pause ?? defaultPause;
  }

  /** The access token to send with now (renewed first when it is about to expire). */
  async current(): Promise<string> {
    if (this.cached && !this.nearExpiry(this.cached)) return this.cached.accessToken;
    const stored = await this.deps.store.read();
    if (!stored) throw new ZaloTokensMissingError();
    if (this.nearExpiry(stored)) return this.renew(stored.accessToken);
    this.cached = stored;
    return stored.accessToken;
  }

  /**
   * Zalo refused `staleToken` (-216): answers the token that replaced it. Within a container concurrent callers
   * share one renewal; across containers only the one whose conditional claim wins spends the refresh token, and
   * the others re-read until its new pair is stored.
   */
  renew(staleToken: string): Promise<string> {
    this.cached = undefined;
    if (!this.renewing) {
      this.renewing = this.renewAcrossContainers(staleToken).finally(() => {
        this.renewing = undefined;
      });
    }
    return this.renewing;
  }

  private async renewAcrossContainers(staleToken: string): Promise<string> {
    const deadline = this.deps.clock.now().getTime() + WAIT_FOR_OTHER_REFRESH_MS;
    for (let attempt = 0; ; attempt++) {
      const stored = await this.deps.store.read();
      if (!stored) throw new ZaloTokensMissingError();
      if (stored.accessToken !== staleToken && !this.nearExpiry(stored)) {
        this.cached = stored;
        return stored.accessToken;
      }
      const now = this.deps.clock.now();
      const claimedByOther =
        stored.leaseUntil !== undefined &&
        stored.leaseUntil > now.toISOString() &&
        stored.leaseOwner !== this.owner;
      if (!claimedByOther) {
        const until = new Date(now.getTime() + REFRESH_LEASE_MS);
        if (await this.deps.store.claimRefresh(stored.version, this.owner, until, now))
          return this.spend(stored);
      }
      if (now.getTime() > deadline) throw new ZaloTokenRefreshTimeoutError();
      await this.pause(Math.min(500, 20 * 2 ** attempt));
    }
  }

  /** Spends the refresh token of `stored` (this container holds the claim) and stores the pair it gives. */
  private async spend(stored: StoredZaloTokens): Promise<string> {
    let fresh: RefreshedZaloTokens;
    try {
      fresh = await this.deps.refresher.refreshTokens(this.deps.app, stored.refreshToken);
    } catch (error) {
      // A refusal (-14014) means the pair is dead whoever tries; a network failure may or may not have spent the
      // token. Either way give the claim back: another container's try costs one refused call at worst.
      // ZaloTokenRefreshError goes up as it is: the caller alarms, an administrator re-authorises the OA.
      // Counted before the release, so a storage failure there still leaves the operator's alarm its count.
      this.deps.metrics?.count('ZaloTokenRefreshFailed');
      await this.deps.store.releaseRefresh(stored.version, this.owner);
      throw error;
    }
    const now = this.deps.clock.now();
    const pair = {
      accessToken: fresh.accessToken,
      refreshToken: fresh.refreshToken,
      accessExpiresAt: new Date(now.getTime() + fresh.expiresInSeconds * 1000).toISOString(),
    };
    const saved = await this.deps.store.saveRefreshed(pair, stored.version, now);
    if (!saved) {
      // Someone installed a pair from the console meanwhile; theirs wins, ours stays valid for this send only.
      return fresh.accessToken;
    }
    this.cached = { ...pair, version: stored.version + 1, refreshedAt: now.toISOString() };
    return fresh.accessToken;
  }

  private nearExpiry(tokens: StoredZaloTokens): boolean {
    return Date.parse(tokens.accessExpiresAt) - EXPIRY_MARGIN_MS <= this.deps.clock.now().getTime();
  }
}
