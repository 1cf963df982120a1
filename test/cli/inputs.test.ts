import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliIoError, DEFAULT_MAX_INPUT_SIZE, parseByteSize, readFileBytes, setMaxInputSize, writeFileAtomic } from '../../src/cli/io';
import { runInProcess, type CliRun } from './helpers';

/**
 * Inputs that must not hurt (issue 12, item 1): each is refused with exit 2, one line on stderr
 * naming the file, nothing on stdout, and nothing written or replaced. In-process: a regression
 * that blocks on a FIFO would hang here, so the FIFO cases also run through the bin (inputs-bin).
 */
let dir: string;
const at = (name: string): string => join(dir, name);
const POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecr:GetAuthorizationToken","Resource":"*"}]}\n';
const SPEC = '{"region":"eu-west-1","account":"111122223333","launchType":"fargate"}\n';

function mkfifo(path: string): void {
  const r = spawnSync('mkfifo', [path]);
  if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr.toString()}`);
}

function expectRefused(run: CliRun, message: RegExp): void {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(message);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'policygen-inputs-'));
  writeFileSync(at('p.json'), POLICY);
  writeFileSync(at('spec.json'), SPEC);
});
afterEach(() => {
  setMaxInputSize();
  rmSync(dir, { recursive: true, force: true });
});

describe('reading', () => {
  it('should refuse a FIFO without waiting for a writer', () => {
    mkfifo(at('fifo'));
    expect(() => readFileBytes(at('fifo'), 'fifo')).toThrow(new CliIoError('cannot read fifo: it must be a regular file, received a named pipe (FIFO)'));
  });

  it('should refuse /dev/zero instead of reading it for ever', () => {
    expect(() => readFileBytes('/dev/zero')).toThrow(/cannot read \/dev\/zero: it must be a regular file, received a character device/);
  });

  it('should name a symbolic link loop', () => {
    symlinkSync('loop2', at('loop1'));
    symlinkSync('loop1', at('loop2'));
    expect(() => readFileBytes(at('loop1'), 'loop1')).toThrow(/cannot read loop1: too many levels of symbolic links/);
  });

  it('should read a regular file through a link', () => {
    symlinkSync('p.json', at('link.json'));
    expect(readFileBytes(at('link.json')).toString('utf8')).toBe(POLICY);
  });

  it('should read a file of exactly the cap and refuse one byte more', () => {
    setMaxInputSize(POLICY.length);
    expect(readFileBytes(at('p.json')).length).toBe(POLICY.length);
    setMaxInputSize(POLICY.length - 1);
    expect(() => readFileBytes(at('p.json'), 'p.json')).toThrow(
      /p\.json: it must be at most --max-input-size \d+ bytes, received \d+ bytes; raise the limit with --max-input-size/,
    );
  });

  it.each([
    ['100', 100],
    ['1K', 1024],
    ['32M', 32 * 1024 * 1024],
    ['2GiB', 2 * 1024 ** 3],
    ['0', undefined],
    ['-5', undefined],
    ['1.5M', undefined],
    ['lots', undefined],
  ])('should parse --max-input-size %s', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it('should default to 32 MiB', () => {
    expect(DEFAULT_MAX_INPUT_SIZE).toBe(33554432);
  });
});

describe('commands refuse what they cannot read', () => {
  it.each([
    ['lint', (f: string) => ['lint', f]],
    ['generate --spec', (f: string) => ['generate', '--spec', f]],
    ['check --template', (f: string) => ['check', '--template', f]],
    ['diff', (f: string) => ['diff', f, at('p.json')]],
    ['lint --config', (f: string) => ['lint', at('p.json'), '--config', f]],
  ])('%s: a symbolic link loop is exit 2, not an internal error', async (_name, args) => {
    symlinkSync('loop2', at('loop1'));
    symlinkSync('loop1', at('loop2'));
    expectRefused(await runInProcess(args(at('loop1'))), /cannot read .*loop1: too many levels of symbolic links/);
  });

  it.each([
    ['generate', (f: string) => ['generate', '--spec', f]],
    ['check', (f: string) => ['check', '--template', f]],
    ['diff', (f: string) => ['diff', f, at('p.json')]],
  ])('%s: invalid UTF-8 is refused at its line and column, as lint refuses it', async (_name, args) => {
    // Line 2, column 14 (after the 13 characters `  "region": "`): the byte 0xFF is never valid in UTF-8 (RFC 3629, section 1).
    writeFileSync(at('bad.json'), Buffer.concat([Buffer.from('{\n  "region": "'), Buffer.from([0xff]), Buffer.from('"\n}\n')]));
    expectRefused(await runInProcess(args(at('bad.json'))), /bad\.json:2:14: the file must be UTF-8 text, received bytes that are not valid UTF-8/);
  });

  it('should refuse an input over --max-input-size, and read it when the limit is raised', async () => {
    const small = await runInProcess(['generate', '--spec', at('spec.json'), '--max-input-size', '10']);
    expectRefused(small, /spec\.json: it must be at most --max-input-size 10 bytes, received \d+ bytes/);
    const raised = await runInProcess(['generate', '--spec', at('spec.json'), '--max-input-size', '1K']);
    expect(raised.status).toBe(0);
  });

  it('should reset the cap between in-process runs', async () => {
    await runInProcess(['generate', '--spec', at('spec.json'), '--max-input-size', '10']);
    expect((await runInProcess(['generate', '--spec', at('spec.json')])).status).toBe(0);
  });

  it('should name --max-input-size when its value is not a size', async () => {
    expectRefused(
      await runInProcess(['diff', at('p.json'), at('p.json'), '--max-input-size', 'lots']),
      /--max-input-size.*'lots' is invalid.*positive whole number/,
    );
  });

  it('lint: an empty folder is an input error naming it', async () => {
    mkdirSync(at('empty'));
    expectRefused(await runInProcess(['lint', at('empty')]), /no policy, template or plan found in .*empty/);
  });

  it('lint: a cdk.out manifest naming a missing template is an input error naming both', async () => {
    mkdirSync(at('cdk.out'));
    const manifest = { version: '36.0.0', artifacts: { App: { type: 'aws:cloudformation:stack', properties: { templateFile: 'App.template.json' } } } };
    writeFileSync(at('cdk.out/manifest.json'), JSON.stringify(manifest));
    expectRefused(
      await runInProcess(['lint', '--kind', 'cdk-out', at('cdk.out')]),
      /cannot read .*App\.template\.json: .*manifest\.json names it as the template of stack App, but it is not there/,
    );
  });

  it.each([
    ['a CloudFormation template whose Resources is a string', '{\n  "Resources": "x"\n}\n', /t\.json:2:\d+ error PARSE_ERROR Resources must be a map/],
    [
      'a Terraform plan whose planned_values is a string',
      '{\n  "format_version": "1.2",\n  "planned_values": "x"\n}\n',
      /t\.json:3:\d+ error PARSE_ERROR planned_values must be a map with root_module, received a string/,
    ],
  ])('lint: %s is an error at its line (exit 2, bad input), not a clean file', async (_name, text, finding) => {
    writeFileSync(at('t.json'), text);
    const run = await runInProcess(['lint', at('t.json')]);
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(finding);
    expect(run.stderr).toMatch(/^policygen: error: .*t\.json:\d+:\d+: .*\(PARSE_ERROR\)\n$/);
  });

  it('lint: a folder of policies is still linted', async () => {
    mkdirSync(at('policies'));
    writeFileSync(at('policies/p.json'), POLICY);
    const run = await runInProcess(['lint', at('policies'), '--format', 'json']);
    expect(run.status).toBe(0);
  });
});

describe('--out', () => {
  const generate = (out: string) => runInProcess(['s3-gateway-policy', '--region', 'eu-west-1', '--out', out]);

  it('should write a new regular file', async () => {
    const run = await generate(at('new.json'));
    expect(run.status).toBe(0);
    expect(JSON.parse(readFileSync(at('new.json'), 'utf8'))).toHaveProperty('Version', '2012-10-17');
  });

  it('should replace a regular file and keep its mode', async () => {
    writeFileSync(at('policy.json'), 'old');
    chmodSync(at('policy.json'), 0o600);
    expect((await generate(at('policy.json'))).status).toBe(0);
    expect(statSync(at('policy.json')).mode & 0o777).toBe(0o600);
    expect(readFileSync(at('policy.json'), 'utf8')).not.toBe('old');
  });

  it('should refuse a symbolic link and leave the link and its target alone', async () => {
    writeFileSync(at('target.json'), 'old');
    symlinkSync('target.json', at('link.json'));
    expectRefused(await generate(at('link.json')), /cannot write .*link\.json: --out must name a regular file, received a symbolic link/);
    expect(lstatSync(at('link.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(at('link.json'))).toBe('target.json');
    expect(readFileSync(at('target.json'), 'utf8')).toBe('old');
  });

  it('should refuse a FIFO and leave it a FIFO', async () => {
    mkfifo(at('fifo'));
    expectRefused(await generate(at('fifo')), /--out must name a regular file, received a named pipe \(FIFO\)/);
    expect(lstatSync(at('fifo')).isFIFO()).toBe(true);
  });

  it('should refuse a device (never rename over /dev/null)', () => {
    expect(() => writeFileAtomic('/dev/null', '{}')).toThrow(/cannot write \/dev\/null: --out must name a regular file, received a character device/);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('should refuse a folder', async () => {
    mkdirSync(at('folder'));
    expectRefused(await generate(at('folder')), /--out must name a regular file, received a folder/);
  });

  it('should refuse a read-only file and leave it unchanged', async () => {
    writeFileSync(at('ro.json'), 'old');
    chmodSync(at('ro.json'), 0o444);
    expectRefused(await generate(at('ro.json')), /cannot write .*ro\.json: the file is read-only/);
    expect(readFileSync(at('ro.json'), 'utf8')).toBe('old');
  });

  it('should leave no temporary file behind when it refuses', async () => {
    mkdirSync(at('folder'));
    await generate(at('folder'));
    expect(
      spawnSync('ls', ['-A', dir])
        .stdout.toString()
        .split('\n')
        .filter((f) => f.includes('policygen-tmp')),
    ).toEqual([]);
  });
});
