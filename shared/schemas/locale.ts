// schemas: zod speaks Vietnamese — the messages of its built-in checks (a missing field, a wrong type, a
// value out of range) reach staff in 400 answers and the import's failed-lines file, which people read.
import * as z from 'zod';

// Global and idempotent: every module that parses input imports this (through common.ts or directly).
z.config(z.locales.vi());
