// infra: ESM face of the `abort-controller` stand-in (see index.cjs).
export const AbortController = globalThis.AbortController;
export const AbortSignal = globalThis.AbortSignal;
export default globalThis.AbortController;
