// schemas: the zod schemas used at every edge (HTTP, bot, events).
export * from './common.js';
export * from './entities.js';
export * from './year-end.js';
