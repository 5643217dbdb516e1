// channel: the ChatFileSource of the bot and the import worker — a file is fetched from the channel it was sent on (Telegram's getFile, Zalo's file URL).

import type { ChannelFileSource, ChatFileSource } from '../../shared/ports/imports.js';
import type { Channel } from '../../shared/ports/repositories.js';

export class ChannelFiles implements ChatFileSource {
  constructor(
    private readonly channels: {
      telegram: () => Promise<ChannelFileSource>;
      /** Undefined when the deployment has no Zalo OA configured. */
      zalo: () => Promise<ChannelFileSource | undefined>;
    },
  ) {}

  async download(fileId: string, channel: Channel): Promise<Uint8Array> {
    if (channel === 'telegram') return (await this.channels.telegram()).download(fileId);
    const zalo = await this.channels.zalo();
    if (!zalo) throw new Error('No Zalo OA is configured for this deployment');
    return zalo.download(fileId);
  }
}
