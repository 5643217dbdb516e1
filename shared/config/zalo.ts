// config: the Zalo OA's settings from the environment (issue 15); secrets are only referenced here, read by functions/zalo-deps.ts.
import * as z from 'zod';
import { ENV } from './table.js';

const zaloEnvSchema = z.object({
  [ENV.zaloAppId]: z.string().regex(/^\d{1,32}$/),
  [ENV.zaloOaId]: z.string().regex(/^\d{1,32}$/),
  [ENV.zaloApiRoot]: z.url().optional(),
  [ENV.zaloOauthRoot]: z.url().optional(),
  [ENV.zaloAppSecret]: z.string().min(1).optional(),
  [ENV.zaloOaSecretKey]: z.string().min(1).optional(),
  [ENV.zaloAppSecretParameter]: z.string().min(1).optional(),
  [ENV.zaloOaSecretKeyParameter]: z.string().min(1).optional(),
});

export interface ZaloConfig {
  appId: string;
  oaId: string;
  apiBaseUrl?: string;
  oauthBaseUrl?: string;
  /** Local runs give the secrets directly; AWS gives the SecureString parameters holding them. */
  appSecret?: string;
  oaSecretKey?: string;
  appSecretParameter?: string;
  oaSecretKeyParameter?: string;
}

/** The Zalo OA of this deployment, or undefined when it has none (ZALO_APP_ID unset): Telegram only. */
export function loadZaloConfig(env: NodeJS.ProcessEnv = process.env): ZaloConfig | undefined {
  if (!env[ENV.zaloAppId]) return undefined;
  const p = zaloEnvSchema.parse(env);
  const optional = <K extends string>(key: K, value: string | undefined) =>
    (value === undefined ? {} : { [key]: value }) as Partial<Record<K, string>>;
  return {
    appId: p[ENV.zaloAppId],
    oaId: p[ENV.zaloOaId],
    ...optional('apiBaseUrl', p[ENV.zaloApiRoot]),
    ...optional('oauthBaseUrl', p[ENV.zaloOauthRoot]),
    ...optional('appSecret', p[ENV.zaloAppSecret]),
    ...optional('oaSecretKey', p[ENV.zaloOaSecretKey]),
    ...optional('appSecretParameter', p[ENV.zaloAppSecretParameter]),
    ...optional('oaSecretKeyParameter', p[ENV.zaloOaSecretKeyParameter]),
  };
}
