// Cold-start benchmark: `policygen generate --example` against a bare `node -e 0`, measured side by
// side with interleaved rounds so machine noise hits both alike. Run by `npm run bench` (which
// builds first). A benchmark, not a test: it always exits 0.
import { spawnSync } from 'node:child_process';
import { existsSync, openSync, closeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/policygen.js', import.meta.url));
const WARMUPS = 2;
const ROUNDS = 15;
const GOAL_RATIO = 2;

const CASES = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'policygen generate --example', args: [BIN, 'generate', '--example'] },
];

if (!existsSync(new URL('../dist/cjs/cli/main.js', import.meta.url))) {
  console.error('bench: dist/ is missing; run `npm run bench` (it builds first)');
  process.exit(0);
}

const devNull = openSync('/dev/null', 'w');

/** Wall time of one run, in milliseconds; stdout goes to /dev/null as a user's redirect would. */
function timeOnce(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', devNull, 'pipe'], timeout: 20_000 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error || result.status !== 0) {
    throw new Error(`${args.join(' ')} failed (status ${result.status}): ${result.error?.message ?? result.stderr}`);
  }
  return ms;
}

/** Nearest-rank percentile of sorted samples. */
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const fmt = (ms) => `${ms.toFixed(1).padStart(7)} ms`;

try {
  const samples = CASES.map(() => []);
  for (let round = 0; round < WARMUPS + ROUNDS; round++) {
    // Alternate which case goes first, so neither always runs right after the other.
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const i of order) {
      const ms = timeOnce(CASES[i].args);
      if (round >= WARMUPS) samples[i].push(ms);
    }
  }

  console.log(`node ${process.version}, ${ROUNDS} interleaved rounds after ${WARMUPS} warm-ups (wall time of spawnSync)\n`);
  console.log(`${'command'.padEnd(32)}${'median'.padStart(10)}${'p90'.padStart(10)}`);
  const medians = CASES.map((c, i) => {
    const sorted = [...samples[i]].sort((a, b) => a - b);
    const median = percentile(sorted, 50);
    console.log(`${c.name.padEnd(32)}${fmt(median)}${fmt(percentile(sorted, 90))}`);
    return median;
  });
  const ratio = medians[1] / medians[0];
  console.log(`\nratio of medians: ${ratio.toFixed(2)}x`);
  console.log(`goal: cold generate --example within ${GOAL_RATIO}x node -e 0: ${ratio <= GOAL_RATIO ? 'PASS' : 'FAIL'}`);
} catch (error) {
  console.error(`bench: ${error.message}`);
} finally {
  closeSync(devNull);
}
console.log('\nreproduce: npm run bench   (or, after a build: node bench/run.mjs)');
