// chat: the command menus — members get the default list; staff get their role's list on their own chat.
import type { Api } from 'grammy';
import type { BotCommand } from 'grammy/types';
import { RESIDENCE_ROLES, type Role } from '../shared/domain/roles.js';
import { type Catalogue, catalogue } from './i18n/index.js';

/** Vietnamese commands first; the English aliases work too but stay out of the menu. */
export function commandsFor(role: Role | undefined, t: Catalogue): BotCommand[] {
  const base = [
    { command: 'start', description: t.commands.start },
    { command: 'help', description: t.commands.help },
  ];
  if (role && RESIDENCE_ROLES.includes(role)) {
    return [
      { command: 'tiepnhan', description: t.commands.tiepnhan },
      { command: 'hop', description: t.commands.hop },
      { command: 'moi', description: t.commands.moi },
      { command: 'cuochop', description: t.meetingChange.commandDescription },
      { command: 'diemdanh', description: t.commands.diemdanh },
      { command: 'bienban', description: t.commands.bienban },
      ...(role === 'chair' || role === 'secretary' ? [{ command: 'ky', description: t.commands.ky }] : []),
      { command: 'traloi', description: t.commands.traloi },
      { command: 'nhanxet', description: t.commands.nhanxet },
      { command: 'denghinhanxet', description: t.commands.denghinhanxet },
      { command: 'baocao', description: t.commands.baocao },
      { command: 'malienket', description: t.commands.malienket },
      { command: 'maketnoi', description: t.commands.maketnoi },
      ...base,
    ];
  }
  if (role === 'workplace_staff') {
    return [
      { command: 'xacnhan', description: t.commands.xacnhan },
      { command: 'cuoinam', description: t.commands.cuoinam },
      { command: 'malienket', description: t.commands.malienket },
      { command: 'maketnoi', description: t.commands.maketnoi },
      ...base,
    ];
  }
  if (role === 'admin') {
    return [
      { command: 'donvimoi', description: t.commands.donvimoi },
      { command: 'canbo', description: t.commands.canbo },
      { command: 'baocao', description: t.commands.baocao },
      { command: 'donvi', description: t.commands.donvi },
      ...base,
    ];
  }
  // R22: above the wards, viewers read and board staff compile the board's October report.
  if (role === 'board_staff') {
    return [
      { command: 'baocao', description: t.commands.baocao },
      { command: 'donvi', description: t.commands.donvi },
      ...base,
    ];
  }
  if (role === 'viewer') {
    return [{ command: 'baocao', description: t.commands.baocao }, ...base];
  }
  // Members (the default menu): a comment for the next meeting, and their year-end self-report (R19).
  if (role === undefined || role === 'member') {
    return [
      { command: 'gopy', description: t.commands.gopy },
      { command: 'baocaocuoinam', description: t.commands.baocaocuoinam },
      { command: 'dulieu', description: t.commands.dulieu },
      ...base,
    ];
  }
  return base;
}

/** A staff person's menu on their own chat, in Vietnamese and (for English apps) in English. */
export async function installChatCommands(api: Api, chatId: number, role: Role): Promise<void> {
  const scope = { type: 'chat' as const, chat_id: chatId };
  await api.setMyCommands(commandsFor(role, catalogue('vi')), { scope });
  await api.setMyCommands(commandsFor(role, catalogue('en')), { scope, language_code: 'en' });
}

/** The default menu (members); run once when the webhook is set up. */
export async function installDefaultCommands(api: Api): Promise<void> {
  await api.setMyCommands(commandsFor(undefined, catalogue('vi')));
  await api.setMyCommands(commandsFor(undefined, catalogue('en')), { language_code: 'en' });
}
