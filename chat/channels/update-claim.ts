// channel: the claim that makes an update count once — each channel names its updates (Telegram's update_id, Zalo's
// msg_id) and the bot's chain claims that name (bot/create-bot.ts).

/** The claim that makes an update count once: the channel's own id for it, and how long a repeat may come. */
export interface UpdateClaim {
  scope: string;
  key: string;
  ttlSeconds: number;
}
