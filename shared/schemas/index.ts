// schemas: the zod schemas used at every edge (HTTP, bot, events).
export * from './common.js';
export * from './entities.js';
export * from './events.js';
export * from './introduction-csv.js';
export * from './introductions.js';
export * from './year-end.js';
