// Test support: prints one plain closing line ("N passed, N failed, N skipped") after vitest's own report,
// so CI logs end with a count any tool can read. A file whose hook or import failed counts as one failure even
// when none of its tests ran (they show as skipped), and so does an unhandled error: a loaded run once ended
// "0 failed" above a hook timeout that had failed it.
import type { SerializedError } from 'vitest';
import type { Reporter, TestModule } from 'vitest/node';

function summaryLine(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const module of testModules) {
    let failedHere = 0;
    for (const test of module.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') passed++;
      else if (state === 'failed') failedHere++;
      else skipped++;
    }
    // The module failed outside its tests: a hook, its import, or its collection.
    if (module.state() === 'failed' && failedHere === 0) failedHere = 1;
    failed += failedHere;
  }
  failed += unhandledErrors.length;
  return `${passed} passed, ${failed} failed, ${skipped} skipped`;
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
  ): void {
    process.stdout.write(`\n${summaryLine(testModules, unhandledErrors)}\n`);
  }
}
