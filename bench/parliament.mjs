// The corpus goal of issue 11 against its peer: policygen lint of the AWS managed policy corpus (one
// process) under 0.10 of the time parliament (duo-labs/parliament, the Python IAM linter, BSD-3)
// takes on the same folder. Both run cold, in interleaved rounds (which goes first alternates, so
// machine noise hits both alike); the result is the ratio of the median wall times.
//
// Parliament comes from its sources, not pip (see bench/README.md):
//   PARLIAMENT_DIR=/tmp/parliament-src PARLIAMENT_PYTHONPATH=/tmp/parliament-deps/src node bench/parliament.mjs
//   PARLIAMENT_DIR     a checkout of duo-labs/parliament (the folder holding parliament/), with
//                      parliament/iam_definition.json (bench/parliament-iam-definition.mjs writes it)
//   PARLIAMENT_PYTHONPATH  where its dependencies json-cfg and kwonly-args are, when not installed
//   ROUNDS=n (default 5), POLICYGEN_CORPUS=dir (default ../shared/corpus/aws-managed-policies)
// Without PARLIAMENT_DIR, a `parliament` command on PATH is used; without either it says so and
// exits 0. A benchmark, not a test: it always exits 0. Run after `npm run build`.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/policygen.js', import.meta.url));
const CORPUS =
  process.env.POLICYGEN_CORPUS ??
  ['../../shared/corpus/aws-managed-policies', '../../../shared/corpus/aws-managed-policies']
    .map((p) => fileURLToPath(new URL(p, import.meta.url)))
    .find((p) => existsSync(p));
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const GOAL = 0.1;

/** How to run parliament here, or why it cannot run. */
function parliamentCommand() {
  const dir = process.env.PARLIAMENT_DIR;
  if (dir) {
    if (!existsSync(join(dir, 'parliament', 'cli.py'))) return { skip: `PARLIAMENT_DIR=${dir} holds no parliament/cli.py` };
    if (!existsSync(join(dir, 'parliament', 'iam_definition.json')))
      return { skip: `${join(dir, 'parliament', 'iam_definition.json')} is missing: node bench/parliament-iam-definition.mjs writes it` };
    const path = [dir, process.env.PARLIAMENT_PYTHONPATH, process.env.PYTHONPATH].filter(Boolean).join(delimiter);
    const env = { ...process.env, PYTHONPATH: path };
    const probe = spawnSync('python3', ['-c', 'import parliament.cli'], { env, encoding: 'utf8', timeout: 60_000 });
    if (probe.status !== 0)
      return { skip: `parliament does not import from PARLIAMENT_DIR: ${(probe.stderr || probe.error?.message || '').trim().split('\n').pop()}` };
    return { command: 'python3', args: ['-m', 'parliament.cli', '--directory', CORPUS], env };
  }
  const probe = spawnSync('parliament', ['--help'], { stdio: 'ignore', timeout: 20_000 });
  if (probe.error === undefined && probe.status === 0) return { command: 'parliament', args: ['--directory', CORPUS], env: process.env };
  return { skip: 'parliament is not available: set PARLIAMENT_DIR to its sources (bench/README.md), or put its command on PATH' };
}

/** Wall time of one cold run in milliseconds; a linter's findings make it exit non-zero, which is fine. */
function timeOnce({ command, args, env }, devNull) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: ROOT, env, stdio: ['ignore', devNull, 'pipe'], timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error || (result.status !== 0 && result.status !== 1)) {
    throw new Error(`${command} ${args.join(' ')} failed (status ${result.status}): ${result.error?.message ?? String(result.stderr).slice(-500)}`);
  }
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function main() {
  if (CORPUS === undefined || !existsSync(CORPUS)) return console.log('bench: skipped, the corpus is absent (set POLICYGEN_CORPUS)');
  if (!existsSync(new URL('../dist/cjs/cli/main.js', import.meta.url))) return console.log('bench: skipped, dist/ is missing: run `npm run build`');
  const parliament = parliamentCommand();
  if (parliament.skip) return console.log(`bench: skipped, ${parliament.skip}`);
  const cases = [
    { name: 'policygen lint corpus --format json', command: process.execPath, args: [BIN, 'lint', CORPUS, '--format', 'json'], env: process.env },
    { name: 'parliament --directory corpus', ...parliament },
  ];
  const samples = cases.map(() => []);
  const devNull = openSync('/dev/null', 'w');
  try {
    // One warm-up each (file system cache, Python's .pyc files), then the rounds.
    for (const c of cases) timeOnce(c, devNull);
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < cases.length; k++) {
        const i = (round + k) % cases.length;
        samples[i].push(timeOnce(cases[i], devNull));
      }
    }
  } finally {
    closeSync(devNull);
  }
  const files = readdirSync(CORPUS).filter((f) => f.endsWith('.json')).length;
  console.log(
    `node ${process.version}, ${files} files, ${ROUNDS} interleaved rounds after a warm-up; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const [ours, theirs] = samples.map(median);
  cases.forEach((c, i) =>
    console.log(`${c.name.padEnd(40)} median ${(median(samples[i]) / 1000).toFixed(3)} s  (${samples[i].map((ms) => (ms / 1000).toFixed(2)).join(', ')})`),
  );
  const ratio = ours / theirs;
  console.log(`\npolicygen / parliament (ratio of medians): ${ratio.toFixed(3)} (goal < ${GOAL}): ${ratio < GOAL ? 'PASS' : 'FAIL'}`);
}

main();
