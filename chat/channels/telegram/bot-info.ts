// channel (Telegram): the bot's own user from configuration, so a cold start needs no getMe round trip.
import type { UserFromGetMe } from 'grammy/types';

export function botInfoFromConfig(
  token: string,
  config: { botId?: number; botUsername: string },
): UserFromGetMe {
  const id = config.botId ?? Number(token.split(':')[0]);
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new Error('BOT_ID is missing and the token has no numeric bot id');
  return {
    id,
    is_bot: true,
    first_name: 'Liên hệ nơi cư trú',
    username: config.botUsername,
    can_join_groups: false,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };
}
