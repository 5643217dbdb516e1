// schemas: zod speaks Vietnamese — the messages of its built-in checks (a missing field, a wrong type, a
// value out of range) reach staff in 400 answers and the import's failed-lines file, which people read.
import * as z from 'zod';
// The one locale by its own path: `z.locales` would bundle every language zod has (about 400 KiB into
// every function).
import vi from 'zod/v4/locales/vi.js';

// Global and idempotent: every module that parses input imports this (through common.ts or directly).
z.config(vi());
