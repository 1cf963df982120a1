// The lint bundle against the whole CLI's bundle (issue 11, "one small policy within 1.5x node -e 0"):
// cold `policygen lint` of one small file run from dist/cjs/cli/lint-bundle.js (what bin/policygen.js
// runs for lint) and from dist/cjs/cli/bundle.js (what it ran before), beside `node -e 0`, in
// interleaved rounds; the figures are ratios of medians of wall time, from one run on one machine.
// Both variants go through bin/load-cli.js's V8 flags and compile cache; only the file differs.
// Run after `npm run build`: node bench/lint-bundle.mjs   (ROUNDS=n, default 20; BASE=dir, see below)
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg, tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LOADER = fileURLToPath(new URL('../bin/load-cli.js', import.meta.url));
const SMALL = 'test/fixtures/lint-core/good-role.json';
const ROUNDS = Number(process.env.ROUNDS ?? 20);
const WARMUPS = 2;

/** A cold process that does what bin/policygen.js does, from the given bundle. */
const viaBundle = (key) => [
  '-e',
  `const l = require(${JSON.stringify(LOADER)}); const argv = ['lint', ${JSON.stringify(SMALL)}];` +
    `const f = l.v8FlagsFor(argv); if (f) require('node:v8').setFlagsFromString(f);` +
    `const m = require('node:module'); if (m.enableCompileCache) m.enableCompileCache();` +
    `require(l.${key}).main(argv).then((c) => { process.exitCode = c; });`,
];
// BASE=dir: another built checkout (e.g. `git archive` of main, built there) whose bin runs as "before".
const BASE = process.env.BASE;
const CASES = [
  { name: 'node -e 0', args: ['-e', '0'] },
  ...(BASE ? [{ name: 'lint, bin of BASE', args: [`${BASE}/bin/policygen.js`, 'lint', SMALL] }] : []),
  { name: 'lint, whole-CLI bundle', args: viaBundle('BUNDLE') },
  { name: 'lint, lint bundle (the bin)', args: viaBundle('LINT_BUNDLE') },
];

/**
 * Preloaded into every case (node -e 0 too): writes the process's CPU time (user + system, all
 * threads) on stderr at exit. On a shared machine CPU time is far steadier than wall time.
 */
const CPU_HOOK = join(mkdtempSync(join(tmpdir(), 'policygen-bench-')), 'cpu.cjs');
writeFileSync(CPU_HOOK, "process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write('\\ncpu ' + (u.user + u.system) / 1000 + '\\n'); });\n");

function timeOnce(args, devNull) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', CPU_HOOK, ...args], { cwd: ROOT, stdio: ['ignore', devNull, 'pipe'], timeout: 120_000, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error || r.status !== 0) throw new Error(`${args.join(' ')} failed (status ${r.status}): ${r.error?.message ?? r.stderr}`);
  return { ms, cpu: Number(/\ncpu ([\d.]+)\n$/.exec(r.stderr)?.[1]) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

function main() {
  const loader = createRequire(import.meta.url)(LOADER);
  for (const file of [loader.BUNDLE, loader.LINT_BUNDLE]) {
    if (!existsSync(file)) {
      console.error(`bench: ${file} is missing; run \`npm run build\` first`);
      return;
    }
  }
  const devNull = openSync('/dev/null', 'w');
  const samples = CASES.map(() => []);
  try {
    for (let round = 0; round < WARMUPS + ROUNDS; round++) {
      for (let k = 0; k < CASES.length; k++) {
        const i = (round + k) % CASES.length;
        const ms = timeOnce(CASES[i].args, devNull);
        if (round >= WARMUPS) samples[i].push(ms);
      }
    }
  } finally {
    closeSync(devNull);
  }
  const medians = samples.map((xs) => median(xs.map((x) => x.ms)));
  const cpus = samples.map((xs) => median(xs.map((x) => x.cpu)));
  console.log(
    `node ${process.version}, ${ROUNDS} interleaved rounds after ${WARMUPS} warm-ups; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  for (const [i, c] of CASES.entries()) {
    const ratio = i === 0 ? '' : `  wall ${(medians[i] / medians[0]).toFixed(3)}x, cpu ${(cpus[i] / cpus[0]).toFixed(3)}x node -e 0`;
    console.log(`${c.name.padEnd(32)}${medians[i].toFixed(1).padStart(8)} ms wall${cpus[i].toFixed(1).padStart(8)} ms cpu (medians)${ratio}`);
  }
}

main();
