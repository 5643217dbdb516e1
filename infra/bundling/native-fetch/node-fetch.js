// infra: stands in for `node-fetch` in Lambda bundles. grammY imports it as its default `fetch` on Node, but
// every Bot and Api we create is given Node's own fetch (bot/channels/telegram/client.ts); node-fetch and
// its whatwg-url/tr46 tables are ≈300 KiB of bundle that would never run.
export default globalThis.fetch;
