// infra: the `abort-controller` package as the whole project sees it (package.json "overrides"). grammY's Node
// build takes AbortController from the polyfill, and Node 24's fetch refuses the polyfill's signal
// ("Expected signal to be an instance of AbortSignal"); Node has had both globals since 16.
'use strict';
module.exports = globalThis.AbortController;
module.exports.AbortController = globalThis.AbortController;
module.exports.AbortSignal = globalThis.AbortSignal;
module.exports.default = globalThis.AbortController;
