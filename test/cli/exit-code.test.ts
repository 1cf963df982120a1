import { CommanderError } from 'commander';
import { checkOutcome, exitCodeFor, lintOutcome, outcomeError } from '../../src/cli/exit-code';
import { CliIoError } from '../../src/cli/io';
import { PolicygenInputError } from '../../src/model/errors';
import { runInProcess } from './helpers';

describe('exitCodeFor', () => {
  // The codes are the contract CI scripts rely on (issue 12): written out, not imported.
  it.each([
    ['a run that returned', undefined, 0],
    ['findings', outcomeError('findings', 'findings at or above error'), 1],
    ['an undecided check', outcomeError('undecided', 'a step depends on the deployment'), 4],
    ['a lint run with a file it could not read', outcomeError('unreadable', 'an input could not be read or parsed'), 2],
    ['an input error', new PolicygenInputError([{ field: 'region', received: '"x"', expected: 'be a Region' }]), 2],
    ['an unreadable file', new CliIoError('cannot read x: no such file'), 2],
    ['an unknown option', new CommanderError(1, 'commander.unknownOption', "error: unknown option '--x'"), 2],
    ['--help', new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'), 0],
    ['--version', new CommanderError(0, 'commander.version', '1.0.0'), 0],
    ['a TypeError (a bug)', new TypeError('x is undefined'), 3],
    ['a RangeError (a bug)', new RangeError('Maximum call stack size exceeded'), 3],
    ['a thrown string', 'oops', 3],
  ])('should map %s', (_name, thrown, code) => {
    expect(exitCodeFor(thrown)).toBe(code);
  });
});

describe('lintOutcome', () => {
  it('should be unreadable when a file could not be read or parsed, whatever else was found', () => {
    expect(lintOutcome({ unreadableInput: true, failsAtThreshold: false })).toBe('unreadable');
    expect(lintOutcome({ unreadableInput: true, failsAtThreshold: true })).toBe('unreadable');
  });
  it('should be findings at or above --fail-on, ok below it', () => {
    expect(lintOutcome({ unreadableInput: false, failsAtThreshold: true })).toBe('findings');
    expect(lintOutcome({ unreadableInput: false, failsAtThreshold: false })).toBe('ok');
  });
});

describe('checkOutcome', () => {
  it('should be findings when a step is blocked, even if another is unknown', () => {
    expect(checkOutcome({ blocked: 1, unknown: 2 })).toBe('findings');
  });
  it('should be undecided when nothing is blocked and a step is unknown', () => {
    expect(checkOutcome({ blocked: 0, unknown: 1 })).toBe('undecided');
  });
  it('should be ok when every step is allowed (and when the report has no unknown count)', () => {
    expect(checkOutcome({ blocked: 0, unknown: 0 })).toBe('ok');
    expect(checkOutcome({ blocked: 0 })).toBe('ok');
  });
});

describe('unknown options', () => {
  it('should name an unknown option before a missing required one, and suggest the closest', async () => {
    const run = await runInProcess(['plan', '--regoin', 'x']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("unknown option '--regoin'");
    expect(run.stderr).toContain('--region');
    expect(run.stderr).not.toContain('not specified');
  });

  it('should still report a missing required option when every option is known', async () => {
    const run = await runInProcess(['plan', '--launch-type', 'fargate']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/required option '--region <region>' not specified/);
  });

  it('should accept a required option given with = and run', async () => {
    const run = await runInProcess(['s3-gateway-policy', '--region=eu-west-1']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveProperty('Statement');
  });
});

describe('internal errors', () => {
  afterEach(() => {
    jest.restoreAllMocks();
    delete process.env['POLICYGEN_DEBUG'];
  });

  const breakGenerator = () => {
    const generator = require('../../src/generate/s3-gateway-policy') as typeof import('../../src/generate/s3-gateway-policy');
    jest.spyOn(generator, 'generateS3GatewayPolicy').mockImplementation(() => {
      throw new TypeError('a bug');
    });
  };

  it('should exit 3 (not 1, which means findings) with one line and no stack', async () => {
    breakGenerator();
    const run = await runInProcess(['s3-gateway-policy', '--region', 'eu-west-1']);
    expect(run.status).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^policygen: internal error: a bug\n/);
    expect(run.stderr).toContain('POLICYGEN_DEBUG=1');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('should print the stack with POLICYGEN_DEBUG=1', async () => {
    breakGenerator();
    process.env['POLICYGEN_DEBUG'] = '1';
    const run = await runInProcess(['s3-gateway-policy', '--region', 'eu-west-1']);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/^\s+at /m);
  });
});
