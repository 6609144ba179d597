/**
 * The order jest starts test files in. Jest's own order puts the longest files first when
 * it has timed them before (its cache), and otherwise the largest. The page audits
 * (tests/e2e/audit-<person>.test.ts) are the longest files but among the smallest, so on
 * a clean clone they would start last and leave one worker running them alone: start
 * them first.
 */
const Sequencer = require('@jest/test-sequencer').default;

const LONG = /[/\\]tests[/\\]e2e[/\\]audit-[^/\\]+\.test\.ts$/;

class LongFirst extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    return [...sorted.filter((t) => LONG.test(t.path)), ...sorted.filter((t) => !LONG.test(t.path))];
  }
}

module.exports = LongFirst;
