// Cold-start benchmark of `policygen check --cdk-out` on a cloud assembly of 20 stacks, against a
// bare `node -e 0`, interleaved rounds so machine noise hits both alike (issue 10 §5). The assembly
// is written to a temporary folder from test/fixtures/cdk-out: 20 copies of its stack under other
// names, listed by one manifest. Run by `npm run bench` (which builds first). Always exits 0.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/policygen.js');
const FIXTURE = join(ROOT, 'test/fixtures/cdk-out');
const STACKS = 20;
const WARMUPS = 2;
const ROUNDS = 11;

if (!existsSync(join(ROOT, 'dist/cjs/cli/main.js'))) {
  console.error('bench: dist/ is missing; run `npm run bench` (it builds first)');
  process.exit(0);
}

/** A cdk.out folder with STACKS stacks, each the fixture's template. */
function writeAssembly(dir) {
  const template = readFileSync(join(FIXTURE, 'PrivatePullStack.template.json'), 'utf8');
  const artifacts = {};
  for (let i = 1; i <= STACKS; i++) {
    const name = `PrivatePullStack${i}`;
    writeFileSync(join(dir, `${name}.template.json`), template);
    artifacts[name] = { type: 'aws:cloudformation:stack', environment: 'aws://111122223333/eu-west-1', properties: { templateFile: `${name}.template.json` } };
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts }));
}

const devNull = openSync('/dev/null', 'w');
const dir = mkdtempSync(join(tmpdir(), 'policygen-bench-cdk-out-'));
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const fmt = (ms) => `${ms.toFixed(1).padStart(8)} ms`;

try {
  writeAssembly(dir);
  const cases = [
    { name: 'node -e 0', args: ['-e', '0'], ok: [0] },
    // 0 all allowed, 1 blocked, 4 unknown: each is a finished check.
    { name: `policygen check --cdk-out (${STACKS} stacks)`, args: [BIN, 'check', '--cdk-out', dir, '--format', 'json'], ok: [0, 1, 4] },
  ];
  const timeOnce = ({ args, ok }) => {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', devNull, 'pipe'], timeout: 60_000 });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.error || !ok.includes(result.status))
      throw new Error(`${args.join(' ')} failed (status ${result.status}): ${result.error?.message ?? result.stderr}`);
    return ms;
  };
  const samples = cases.map(() => []);
  for (let round = 0; round < WARMUPS + ROUNDS; round++) {
    for (const i of round % 2 === 0 ? [0, 1] : [1, 0]) {
      const ms = timeOnce(cases[i]);
      if (round >= WARMUPS) samples[i].push(ms);
    }
  }
  console.log(`node ${process.version}, ${ROUNDS} interleaved rounds after ${WARMUPS} warm-ups (wall time of spawnSync)\n`);
  const medians = cases.map((c, i) => {
    const sorted = [...samples[i]].sort((a, b) => a - b);
    console.log(`${c.name.padEnd(44)}${fmt(percentile(sorted, 50))}${fmt(percentile(sorted, 90))}`);
    return percentile(sorted, 50);
  });
  console.log(`\nratio of medians: ${(medians[1] / medians[0]).toFixed(2)}x`);
} catch (error) {
  console.error(`bench: ${error.message}`);
} finally {
  closeSync(devNull);
  rmSync(dir, { recursive: true, force: true });
}
console.log('\nreproduce: npm run bench   (or, after a build: node bench/check-cdk-out.mjs)');
