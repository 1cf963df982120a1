import { loadSpec } from '../../src/model/spec-file';
import { PolicygenInputError } from '../../src/model/errors';
import { runInProcess } from '../cli/helpers';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HEAD = ['region: eu-west-1', 'account: "111122223333"', 'launchType: fargate'];

/** "Billion laughs": 9 levels of 9 aliases each expand to 9^9 strings from a file of a few hundred bytes. */
function aliasBomb(): string {
  const lines = [...HEAD, 'x0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i < 10; i++)
    lines.push(
      `x${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  return `${lines.join('\n')}\n`;
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('loadSpec on hostile input', () => {
  it('should throw PolicygenInputError for a YAML alias bomb, at the first alias', () => {
    const error = thrown(() => loadSpec(aliasBomb(), 'bomb.yaml', (s) => s));
    expect(error).toBeInstanceOf(PolicygenInputError);
    const [issue] = (error as PolicygenInputError).issues;
    expect(issue?.expected).toMatch(/aliases that expand to at most \d+ nodes/);
    // The first alias, `*a0`, is on line 5 (after the 3 header lines and x0).
    expect(issue?.location).toMatchObject({ file: 'bomb.yaml', line: 5 });
  });

  it('should report a duplicate key at its second occurrence', () => {
    const error = thrown(() => loadSpec([...HEAD, 'region: us-east-1'].join('\n'), 'dup.yaml', (s) => s));
    expect(error).toBeInstanceOf(PolicygenInputError);
    expect((error as PolicygenInputError).issues[0]).toMatchObject({ received: '"region" twice', location: { line: 4, column: 1 } });
  });

  it('should report a duplicate key in a JSON spec, also when escaped, at its second occurrence', () => {
    // "reg\u0069on" is "region" (RFC 8259, section 7): JSON.parse alone would keep the last silently.
    const text = '{\n  "region": "eu-west-1",\n  "account": "111122223333",\n  "launchType": "fargate",\n  "reg\\u0069on": "us-east-1"\n}\n';
    const error = thrown(() => loadSpec(text, 'dup.json', (s) => s));
    expect(error).toBeInstanceOf(PolicygenInputError);
    expect((error as PolicygenInputError).issues[0]).toMatchObject({ received: '"region" twice', location: { line: 5 } });
  });

  it('should locate a schema issue of a JSON spec at its line', () => {
    const text = '{\n  "region": "eu-west-1",\n  "account": "111122223333",\n  "launchType": "fargate",\n  "awslogs": "yes"\n}\n';
    const error = thrown(() => loadSpec(text, 's.json', (s) => s));
    expect((error as PolicygenInputError).issues[0]).toMatchObject({ field: 'awslogs', location: { file: 's.json', line: 5 } });
  });

  it('should throw PolicygenInputError, not RangeError, for nesting deeper than the stack', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(thrown(() => loadSpec(deep, 'deep.json', (s) => s))).toBeInstanceOf(PolicygenInputError);
  });

  // Was quadratic: each unknown field showed the whole spec, and yaml compared every pair of keys.
  it('should report thousands of unknown fields in linear time', () => {
    const fields = (n: number) =>
      `{"region":"eu-west-1","account":"111122223333","launchType":"fargate",${Array.from({ length: n }, (_, i) => `"k${i}":1`).join(',')}}`;
    const time = (n: number) => {
      const start = process.hrtime.bigint();
      const error = thrown(() => loadSpec(fields(n), 'k.json', (s) => s)) as PolicygenInputError;
      expect(error.issues).toHaveLength(n);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    time(500); // warm-up
    const small = time(1_000);
    const large = time(8_000);
    // 8x the fields: linear is ~8x; quadratic was ~64x. 25x leaves room for a noisy shared machine.
    expect(large / small).toBeLessThan(25);
  });
});

describe('generate --spec with a YAML alias bomb', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'policygen-spec-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should exit 2 with one line at file:line, nothing on stdout', async () => {
    const file = join(dir, 'bomb.yaml');
    writeFileSync(file, aliasBomb());
    const run = await runInProcess(['generate', '--spec', file]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      new RegExp(`^policygen: error: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5:\\d+: spec must use YAML aliases that expand to at most \\d+ nodes`),
    );
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
