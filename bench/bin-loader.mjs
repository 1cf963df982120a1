// Do the bin loader's tricks pay on this Node.js? (issue 12, "Today's Node.js"). Cold `policygen
// lint` of one small file and of the AWS managed policy corpus, with and without V8 flags, loaded
// with a trained vm.Script code cache, as a plain require, or with module.enableCompileCache()
// (Node >= 22.1). Interleaved rounds, so machine noise hits every variant alike; ratios are to the
// plain require without flags.
//   node bench/bin-loader.mjs [path/to/node ...]     (default: the node running this script)
// ROUNDS=n changes the number of rounds (15); POLICYGEN_CORPUS=dir the corpus folder.
// Needs a build (`npm run build`). A benchmark, not a test: it always exits 0.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNNER = fileURLToPath(new URL('./loader-variant.cjs', import.meta.url));
const SMALL = 'test/fixtures/lint-core/good-role.json';
/** Beside the main checkout (shared/); POLICYGEN_CORPUS points elsewhere, e.g. from a git worktree. */
const CORPUS = process.env.POLICYGEN_CORPUS ?? fileURLToPath(new URL('../../shared/corpus/aws-managed-policies', import.meta.url));
const WARMUPS = 2;
const ROUNDS = Number(process.env.ROUNDS ?? 15);

/**
 * The lint flags of bin/load-cli.js up to now, measured on V8 11.3 (Node 20). V8 12.4 (Node 22) and
 * 13.6 (Node 24) no longer have --interrupt-budget (tier-up counts invocations instead), so there
 * the part they still know is measured: --no-turbo-inlining.
 */
/** `node -e 0` that prints its CPU time as bench/loader-variant.cjs does. */
const FLOOR = "process.on('exit', () => { const { user, system } = process.cpuUsage(); process.stderr.write('\\ncpu-ms:' + (user + system) / 1000); })";

const flagsFor = (v8) => (v8.startsWith('11.') ? '--no-turbo-inlining --interrupt-budget=200000' : '--no-turbo-inlining');

function main() {
  if (!existsSync(join(ROOT, 'dist/cjs/cli/bundle.js'))) {
    console.error('bench: dist/cjs/cli/bundle.js is missing; run `npm run build` first');
    return;
  }
  const nodes = process.argv.length > 2 ? process.argv.slice(2) : [process.execPath];
  const scratch = mkdtempSync(join(tmpdir(), 'policygen-bench-loader-'));
  const devNull = openSync('/dev/null', 'w');
  try {
    for (const node of nodes) benchNode(node, scratch, devNull);
  } catch (error) {
    console.error(`bench: ${error.message}`);
  } finally {
    closeSync(devNull);
    rmSync(scratch, { recursive: true, force: true });
  }
}

function benchNode(node, scratch, devNull) {
  const [version, v8, hasCompileCache] = JSON.parse(
    spawnSync(node, ['-p', 'JSON.stringify([process.version, process.versions.v8, typeof require("node:module").enableCompileCache === "function"])'], {
      encoding: 'utf8',
    }).stdout,
  );
  const flags = flagsFor(v8);
  const loads = hasCompileCache ? ['require', 'cache', 'compile-cache'] : ['require', 'cache'];
  const variants = [];
  for (const f of ['-', flags]) {
    for (const load of loads) {
      const dir = join(scratch, version, `${f === '-' ? 'default' : 'flags'}-${load}`);
      mkdirSync(dir, { recursive: true });
      variants.push({ name: `${load}${f === '-' ? '' : ' + flags'}`, prefix: [RUNNER, f, load, dir] });
      if (load === 'cache') run(node, [RUNNER, f, load, dir, '--train', '--'], devNull);
    }
  }
  const inputs = [{ name: 'one file', args: ['lint', SMALL] }];
  if (existsSync(CORPUS)) inputs.push({ name: 'corpus', args: ['lint', CORPUS, '--format', 'json'] });
  const cases = [{ name: 'node -e 0', input: 'floor', args: ['-e', FLOOR] }];
  for (const input of inputs) for (const v of variants) cases.push({ name: v.name, input: input.name, args: [...v.prefix, '--', ...input.args] });

  const wall = cases.map(() => []);
  const cpu = cases.map(() => []);
  for (let round = 0; round < WARMUPS + ROUNDS; round++) {
    // Rotate which case goes first, so that none always runs right after another.
    for (let k = 0; k < cases.length; k++) {
      const i = (round + k) % cases.length;
      const time = run(node, cases[i].args, devNull);
      if (round >= WARMUPS) {
        wall[i].push(time.wall);
        cpu[i].push(time.cpu);
      }
    }
  }
  const median = (s) => [...s].sort((a, b) => a - b)[Math.floor(s.length / 2)];
  const wallMedians = wall.map(median);
  const cpuMedians = cpu.map(median);
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  console.log(`\nnode ${version} (V8 ${v8}), flags "${flags}", ${ROUNDS} interleaved rounds after ${WARMUPS} warm-ups, load average ${load}`);
  console.log("wall: median and min wall time (ms); cpu: median CPU time of all the process's threads (ms); ratios to `require` on the same input");
  console.log(
    `${'input'.padEnd(10)}${'variant'.padEnd(24)}${'wall'.padStart(9)}${'min'.padStart(9)}${'ratio'.padStart(8)}${'cpu'.padStart(9)}${'ratio'.padStart(8)}`,
  );
  cases.forEach((c, i) => {
    const base = cases.findIndex((b) => b.input === c.input && b.name === 'require');
    const ratio = (m) => (base < 0 ? '' : (m[i] / m[base]).toFixed(3));
    console.log(
      `${c.input.padEnd(10)}${c.name.padEnd(24)}${wallMedians[i].toFixed(1).padStart(9)}${Math.min(...wall[i])
        .toFixed(1)
        .padStart(9)}` + `${ratio(wallMedians).padStart(8)}${cpuMedians[i].toFixed(1).padStart(9)}${ratio(cpuMedians).padStart(8)}`,
    );
  });
}

/** Wall and CPU time of one cold run in milliseconds; exit 1 (findings) is a normal lint result. */
function run(node, args, devNull) {
  const start = process.hrtime.bigint();
  const result = spawnSync(node, args, { cwd: ROOT, stdio: ['ignore', devNull, 'pipe'], encoding: 'utf8', timeout: 60_000 });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = /cpu-ms:([0-9.]+)$/.exec(result.stderr ?? '');
  if (result.error || (result.status !== 0 && result.status !== 1) || cpu === null) {
    throw new Error(`${node} ${args.join(' ')} failed (status ${result.status}): ${result.error?.message ?? result.stderr}`);
  }
  return { wall, cpu: Number(cpu[1]) };
}

main();
console.log('\nreproduce: npm run build && node bench/bin-loader.mjs [path/to/node ...]');
