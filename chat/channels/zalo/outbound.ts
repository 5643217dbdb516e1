// channel (Zalo): how each OA message is counted — a free reply quoting the user's last message inside the reply window, else a proactive message against the month's quota.
import type { ZaloOutboundSettings } from '../../../shared/config/zalo.js';
import { localDate } from '../../../shared/domain/dates.js';
import type { ChannelAllowance } from '../../../shared/ports/chat.js';
import type { Clock } from '../../../shared/ports/common.js';
import type { Log } from '../../../shared/ports/log.js';
import type { Metrics } from '../../../shared/ports/metrics.js';
import type { ZaloLastInbound, ZaloOutboundStore } from '../../../shared/ports/zalo.js';
import type { ZaloQuotePlan } from './renderer.js';

/** The record of a user's last message outlives the reply window by this much (then DynamoDB's TTL drops it). */
const INBOUND_RECORD_SLACK_MS = 24 * 3600_000;

export interface ZaloOutboundDeps {
  store: ZaloOutboundStore;
  clock: Clock;
  settings: ZaloOutboundSettings;
  metrics?: Metrics;
  log?: Log;
}

/** The calendar month (`YYYY-MM`) of an instant in Vietnam: the proactive quota's period. */
export function zaloMonth(instant: Date): string {
  return localDate(instant).slice(0, 7);
}

/** The quote plan of the bot's answer to one user message: what it sends quoted is counted as it goes. */
export interface ZaloAnswerPlan extends ZaloQuotePlan {
  /** Replies the answer spent on the user's message so far. */
  readonly replies: number;
}

export class ZaloOutbound {
  constructor(private readonly deps: ZaloOutboundDeps) {}

  get settings(): ZaloOutboundSettings {
    return this.deps.settings;
  }

  /**
   * A notice (not an answer): each message takes one free reply to the user's last message if it is inside
   * the window and replies are left (an atomic conditional update), otherwise it goes proactive.
   */
  notice(userId: string): ZaloQuotePlan {
    return {
      next: () => {
        const since = new Date(this.deps.clock.now().getTime() - this.deps.settings.replyWindowMs);
        return this.deps.store.takeReply(userId, since, this.deps.settings.freeRepliesPerMessage);
      },
      sent: (quoted) => (quoted ? Promise.resolve() : this.proactiveSent()),
    };
  }

  /**
   * The bot answering the user's message `msgId` (just received): it quotes that message until the free
   * replies are spent, counted here and recorded with the message once the answer is out (recordInbound).
   */
  answer(msgId: string): ZaloAnswerPlan {
    const free = this.deps.settings.freeRepliesPerMessage;
    let replies = 0;
    const outbound = this;
    return {
      get replies() {
        return replies;
      },
      next: () => Promise.resolve(replies < free ? msgId : undefined),
      sent(quoted) {
        if (quoted) {
          replies += 1;
          return Promise.resolve();
        }
        return outbound.proactiveSent();
      },
    };
  }

  /**
   * Records the user's message (the webhook's `user_send_text`) as their last one, with the replies the answer
   * spent on it. Never throws: a lost record only makes later notices proactive (paid), never wrong.
   */
  async recordInbound(userId: string, msgId: string, at: Date, replies: number): Promise<void> {
    try {
      await this.deps.store.recordInbound(
        userId,
        { msgId, at: at.toISOString(), replies },
        new Date(at.getTime() + this.deps.settings.replyWindowMs + INBOUND_RECORD_SLACK_MS),
      );
    } catch (error) {
      this.deps.log?.warn('zalo inbound not recorded', { errorName: (error as Error)?.name });
    }
  }

  /** The user's last message as recorded (undefined when they never wrote, or the record expired). */
  lastInbound(userId: string): Promise<ZaloLastInbound | undefined> {
    return this.deps.store.lastInbound(userId);
  }

  /** The month's proactive messages against the free quota (the invitation job warns before passing it). */
  async allowance(now: Date): Promise<ChannelAllowance> {
    const used = await this.deps.store.proactiveCount(zaloMonth(now));
    return { channel: 'zalo', used, free: this.deps.settings.proactiveFreePerMonth };
  }

  /**
   * Counts a proactive message Zalo accepted. Past the free quota it is paid, not refused: a metric says so.
   * Never throws: the message is out, and a retry of the notice would send it twice.
   */
  private async proactiveSent(): Promise<void> {
    try {
      const used = await this.deps.store.countProactive(zaloMonth(this.deps.clock.now()));
      if (used > this.deps.settings.proactiveFreePerMonth) this.deps.metrics?.count('ZaloProactiveOverQuota');
    } catch (error) {
      this.deps.log?.warn('zalo proactive message not counted', { errorName: (error as Error)?.name });
    }
  }
}
