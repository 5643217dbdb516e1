// channel (Telegram): the bytes of a file a user sent — getFile for its path, then the Bot API's file download.
import { Api } from 'grammy';
import type { ChannelFileSource } from '../../../shared/ports/imports.js';
import { telegramClientOptions } from './client.js';

const TELEGRAM_ROOT = 'https://api.telegram.org';

export function createTelegramFiles(token: string, apiRoot?: string): ChannelFileSource {
  const api = new Api(token, telegramClientOptions(apiRoot));
  const root = (apiRoot ?? TELEGRAM_ROOT).replace(/\/+$/, '');
  return {
    async download(fileId: string): Promise<Uint8Array> {
      const file = await api.getFile(fileId);
      // Telegram keeps a file's path for at least an hour after getFile; bots may download up to 20 MB.
      if (!file.file_path) throw new Error('Telegram gave no file path');
      const response = await fetch(`${root}/file/bot${token}/${file.file_path}`);
      if (!response.ok) throw new Error(`File download failed with HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}
