// Lint benchmark (issue 3, "Performance"): cold `policygen lint` runs against a bare `node -e 0`,
// measured side by side with interleaved rounds so machine noise hits every case alike.
//   1. node -e 0                       start-up floor of the machine
//   2. lint of one small policy file   the pre-commit case; goal: within 1.5x of (1) (issue 11); the
//                                      warm-ups write the bin's code cache on Node.js < 22.1 (bin/load-cli.js),
//                                      as a user's first run does
//   3. lint of the AWS managed policy corpus (1,523 files, one process), as a ratio to (1); its goal,
//      under 0.10 of the time parliament (the Python IAM linter) takes on the same folder, is measured
//      side by side with parliament by bench/parliament.mjs, which `npm run bench` runs next
// Run by `npm run bench` (which builds first). A benchmark, not a test: it always exits 0.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/policygen.js', import.meta.url));
const SMALL = 'test/fixtures/lint-core/good-role.json';
// shared/ lives next to the checkout, or next to the folder of git worktrees.
const CORPUS =
  ['../../shared/corpus/aws-managed-policies', '../../../shared/corpus/aws-managed-policies']
    .map((p) => fileURLToPath(new URL(p, import.meta.url)))
    .find((p) => existsSync(p)) ?? fileURLToPath(new URL('../../shared/corpus/aws-managed-policies', import.meta.url));
const WARMUPS = 2;
const ROUNDS = 15;
const SMALL_GOAL_RATIO = 1.5;

/** Exit 1 means findings at or above --fail-on: a normal lint result, not a failed run. */
const CASES = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: `lint ${SMALL}`, args: [BIN, 'lint', SMALL] },
  { name: 'lint corpus --format json', args: [BIN, 'lint', CORPUS, '--format', 'json'], corpus: true },
];

/**
 * Preloaded into the Node.js cases (node -e 0 too): writes the process's CPU time (user + system,
 * all threads) on stderr at exit, with fs.writeSync: process.stderr would load Node's streams, which
 * neither a bare `node -e 0` nor a clean lint run loads. On a shared machine CPU time is far steadier
 * than wall time.
 */
const CPU_HOOK = join(mkdtempSync(join(tmpdir(), 'policygen-bench-')), 'cpu.cjs');
writeFileSync(
  CPU_HOOK,
  "process.on('exit', () => { const u = process.cpuUsage(); require('node:fs').writeSync(2, '\\ncpu ' + (u.user + u.system) / 1000 + '\\n'); });\n",
);

function main() {
  if (!existsSync(new URL('../dist/cjs/cli/main.js', import.meta.url))) {
    console.error('bench: dist/ is missing; run `npm run bench` (it builds first)');
    return;
  }
  if (!existsSync(new URL('../dist/iam-catalog.json', import.meta.url))) {
    console.error('bench: dist/iam-catalog.json is missing (lint compiles the catalog in memory, slowly); run `npm run build`');
  }
  const haveCorpus = existsSync(CORPUS);
  const cases = CASES.filter((c) => !c.corpus || haveCorpus);
  const devNull = openSync('/dev/null', 'w');
  try {
    const samples = cases.map(() => []);
    const cpu = cases.map(() => []);
    for (let round = 0; round < WARMUPS + ROUNDS; round++) {
      // Rotate which case goes first, so that none always runs right after another.
      for (let k = 0; k < cases.length; k++) {
        const i = (round + k) % cases.length;
        const { ms, cpuMs } = timeOnce(cases[i], devNull);
        if (round >= WARMUPS) samples[i].push(ms);
        if (round >= WARMUPS && cpuMs !== undefined) cpu[i].push(cpuMs);
      }
    }
    report(cases, samples, cpu, haveCorpus);
  } catch (error) {
    console.error(`bench: ${error.message}`);
  } finally {
    closeSync(devNull);
  }
}

/**
 * Wall time of one cold run in milliseconds, Node start-up included, and the CPU time of a Node.js
 * process; stdout goes to /dev/null as a user's redirect would.
 */
function timeOnce({ args }, devNull) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-r', CPU_HOOK, ...args], {
    cwd: ROOT,
    stdio: ['ignore', devNull, 'pipe'],
    timeout: 120_000,
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error || (result.status !== 0 && result.status !== 1)) {
    throw new Error(`${args.join(' ')} failed (status ${result.status}): ${result.error?.message ?? result.stderr}`);
  }
  const cpuMs = Number(/\ncpu ([\d.]+)\n$/.exec(result.stderr)?.[1]);
  return { ms, cpuMs };
}

/** Nearest-rank percentile of sorted samples. */
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const fmt = (ms) => `${ms.toFixed(1).padStart(8)} ms`;
const verdict = (ok) => (ok ? 'PASS' : 'FAIL');

function report(cases, samples, cpu, haveCorpus) {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  console.log(`node ${process.version}, ${ROUNDS} interleaved rounds after ${WARMUPS} warm-ups (wall time of spawnSync, cold processes)`);
  console.log(`load average ${load}: a busy machine inflates every number; compare the ratios\n`);
  // The minimum is shown too: on a shared machine it is the run least disturbed by others.
  console.log(`${'command'.padEnd(52)}${'median'.padStart(11)}${'p90'.padStart(11)}${'min'.padStart(11)}`);
  const medians = cases.map((c, i) => {
    const sorted = [...samples[i]].sort((a, b) => a - b);
    const median = percentile(sorted, 50);
    console.log(`${c.name.padEnd(52)}${fmt(median)}${fmt(percentile(sorted, 90))}${fmt(sorted[0])}`);
    return median;
  });
  const [node, small, corpus] = medians;
  const smallRatio = small / node;
  const cpuMedian = (i) =>
    percentile(
      [...cpu[i]].sort((a, b) => a - b),
      50,
    );
  const smallCpuRatio = cpuMedian(1) / cpuMedian(0);
  console.log(
    `\nsmall file: wall ${smallRatio.toFixed(2)}x node -e 0, cpu ${smallCpuRatio.toFixed(2)}x (${cpuMedian(1).toFixed(1)} ms against ${cpuMedian(0).toFixed(1)} ms, ` +
      `medians; goal <= ${SMALL_GOAL_RATIO}x for both): ${verdict(smallRatio <= SMALL_GOAL_RATIO && smallCpuRatio <= SMALL_GOAL_RATIO)}`,
  );
  if (haveCorpus) {
    const files = readdirSync(CORPUS).filter((f) => f.endsWith('.json')).length;
    console.log(
      `corpus (${files} files, one process): ${(corpus / 1000).toFixed(3)} s, ${(corpus / node).toFixed(1)}x node -e 0; ` +
        'its goal (< 0.10 of parliament on the same folder) is measured by bench/parliament.mjs',
    );
  } else {
    console.log(`corpus: skipped, ${CORPUS} is absent (it lives next to the checkout, in shared/)`);
  }
}

main();
console.log('\nreproduce: npm run bench   (or, after a build: node bench/lint.mjs)');
