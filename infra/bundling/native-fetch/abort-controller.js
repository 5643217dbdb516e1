// infra: stands in for the `abort-controller` polyfill in Lambda bundles; Node has AbortController.
export const AbortController = globalThis.AbortController;
export const AbortSignal = globalThis.AbortSignal;
export default AbortController;
