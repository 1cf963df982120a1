// Builds of policygen side by side (issue 11, "a single small file under 1.5 times node -e 0"): a cold
// `bin/policygen.js lint <file>` of each built tree given, beside `node -e 0`, in interleaved rounds
// (the order rotates), after 2 warm-ups, so that every tree's first run has written its code cache
// (bin/load-cli.js). CPU time (user + system, from process.cpuUsage() at exit) is the steadier figure
// on a shared machine; the ratios are of medians, with the minimums in brackets, from one run.
//
//   node bench/compare-bins.mjs DIR...     (ROUNDS=n, default 25; FILE=policy, default good-role.json)
//
// A tree is bin/, dist/ and package.json of a build, copied with their times (`cp -a`: the loader
// runs the compiled modules when a bundle is older than they are), with node_modules beside them.
// A benchmark, not a test: it always exits 0.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadavg, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FILE = resolve(ROOT, process.env.FILE ?? 'test/fixtures/lint-core/good-role.json');
const ROUNDS = Number(process.env.ROUNDS ?? 25);
const WARMUPS = 2;

/** Writes the CPU time with fs.writeSync: process.stderr would load Node's streams into the process. */
const CPU_HOOK = join(mkdtempSync(join(tmpdir(), 'policygen-bench-')), 'cpu.cjs');
writeFileSync(
  CPU_HOOK,
  "process.on('exit', () => { const u = process.cpuUsage(); require('node:fs').writeSync(2, '\\ncpu ' + (u.user + u.system) / 1000 + '\\n'); });\n",
);

function main() {
  const trees = process.argv.slice(2);
  const missing = trees.filter((t) => !existsSync(join(t, 'bin', 'policygen.js')));
  if (trees.length === 0 || missing.length > 0) {
    console.error(`bench: give built trees with bin/policygen.js${missing.length > 0 ? `; not one: ${missing.join(', ')}` : ''}`);
    return;
  }
  const cases = [{ name: 'node -e 0', args: ['-e', '0'] }, ...trees.map((t) => ({ name: t, args: [join(t, 'bin', 'policygen.js'), 'lint', FILE] }))];
  const cpu = cases.map(() => []);
  const wall = cases.map(() => []);
  for (let round = 0; round < WARMUPS + ROUNDS; round++) {
    for (let k = 0; k < cases.length; k++) {
      const i = (round + k) % cases.length;
      const start = process.hrtime.bigint();
      const r = spawnSync(process.execPath, ['-r', CPU_HOOK, ...cases[i].args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      // Exit 1 means findings: a normal lint result.
      if (r.error || r.status > 1) {
        console.error(`bench: ${cases[i].name} failed (status ${r.status}): ${r.error?.message ?? r.stderr}`);
        return;
      }
      if (round >= WARMUPS) {
        cpu[i].push(Number(/\ncpu ([\d.]+)\n$/.exec(r.stderr)?.[1]));
        wall[i].push(ms);
      }
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  const min = (xs) => Math.min(...xs);
  console.log(
    `node ${process.version}, ${ROUNDS} interleaved rounds after ${WARMUPS} warm-ups, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`lint of ${FILE}`);
  const width = Math.max(...cases.map((c) => c.name.length));
  for (let i = 0; i < cases.length; i++) {
    const ratio = (f, xs) => (f(xs) / f(cpu[0])).toFixed(3);
    console.log(
      `${cases[i].name.padEnd(width)}  cpu ${median(cpu[i]).toFixed(1)} ms, ${ratio(median, cpu[i])}x (${(min(cpu[i]) / min(cpu[0])).toFixed(3)}x)` +
        `  wall ${median(wall[i]).toFixed(1)} ms, ${(median(wall[i]) / median(wall[0])).toFixed(3)}x`,
    );
  }
}

main();
