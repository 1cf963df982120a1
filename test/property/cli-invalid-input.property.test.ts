import fc from 'fast-check';
import { listRegions } from '../../src/model/region';
import { runInProcess, type CliRun } from '../cli/helpers';

/**
 * Whatever invalid input the CLI gets, it fails the same way: exit 2, nothing on stdout, a
 * `policygen: ` message on stderr, never a stack trace or an internal error. Runs `main` in-process.
 */

// FC_NUM_RUNS=5000 for a longer hunt.
const NUM_RUNS = Number(process.env['FC_NUM_RUNS'] ?? 200);
const STACK_FRAME = /\n\s+at /;
const ACCOUNT = '111122223333';
const COMMANDS = ['s3-gateway-policy', 'execution-role-policy', 'ecr-endpoint-policy', 'plan', 'generate'] as const;
const REGIONS = new Set(listRegions());

beforeAll(() => {
  // main prints a stack trace for internal errors when this is set; these properties forbid one.
  delete process.env['POLICYGEN_DEBUG'];
});

/**
 * One flag of one command: the arguments that make the command valid without it, and an oracle
 * that says when a value might be valid. The oracles err on the side of "might be valid", so
 * every value the tests keep is certainly invalid.
 */
interface Field {
  readonly flag: string;
  readonly base: readonly string[];
  readonly mightBeValid: (value: string) => boolean;
  /** How the error message names the field. */
  readonly named: RegExp;
}

const EXECUTION_ROLE = ['execution-role-policy', '--region', 'us-east-1', '--account', ACCOUNT];
const ECR_ENDPOINT = ['ecr-endpoint-policy', '--region', 'us-east-1', '--account', ACCOUNT];
const PLAN = ['plan', '--region', 'us-east-1', '--launch-type', 'fargate'];
const HEX_ID = '(?:[0-9a-f]{8}|[0-9a-f]{17})';

const FIELDS: readonly Field[] = [
  { flag: '--region', base: ['s3-gateway-policy'], mightBeValid: (v) => REGIONS.has(v), named: /region/ },
  { flag: '--account', base: ['execution-role-policy', '--region', 'us-east-1'], mightBeValid: (v) => /^\d{12}$/.test(v), named: /account/ },
  { flag: '--vpce', base: EXECUTION_ROLE, mightBeValid: (v) => new RegExp(`^vpce-${HEX_ID}$`).test(v), named: /vpce/i },
  { flag: '--vpc', base: EXECUTION_ROLE, mightBeValid: (v) => new RegExp(`^vpc-${HEX_ID}$`).test(v), named: /vpc/i },
  {
    flag: '--repository',
    base: EXECUTION_ROLE,
    mightBeValid: (v) => v.startsWith('arn:') || /^[a-z0-9._\-/]{2,256}$/.test(v),
    named: /repositor/,
  },
  { flag: '--log-group', base: EXECUTION_ROLE, mightBeValid: (v) => /^[A-Za-z0-9._\-/#]{1,512}$/.test(v), named: /log-?group/i },
  { flag: '--org-id', base: ECR_ENDPOINT, mightBeValid: (v) => /^o-[a-z0-9]{10,32}$/.test(v), named: /org-?id/i },
  { flag: '--principal', base: ECR_ENDPOINT, mightBeValid: (v) => /^\d{12}$/.test(v) || v.startsWith('arn:'), named: /principal/ },
  { flag: '--launch-type', base: ['plan', '--region', 'us-east-1'], mightBeValid: (v) => v === 'fargate' || v === 'ec2', named: /launch-?type/i },
  { flag: '--platform-version', base: PLAN, mightBeValid: (v) => /^(?:LATEST|[\d.]+)$/.test(v), named: /platform-?version/i },
  { flag: '--subnet-cidr', base: PLAN, mightBeValid: (v) => /^[\d./]+$/.test(v), named: /subnet-?cidr/i },
  { flag: '--bucket', base: ['s3-gateway-policy', '--region', 'us-east-1'], mightBeValid: (v) => /^[a-z0-9.-]{3,63}$/.test(v), named: /bucket/ },
];

// Invalid values: random text, text with a character no identifier allows, huge and unicode text.
const SMUGGLED = ['"', '*', '\n', '\u0000', '"}],"Effect":"Allow', '${aws:username}'];
const VALID_LOOKING = [
  'us-east-1',
  ACCOUNT,
  'vpce-0123456789abcdef0',
  'vpc-0123456789abcdef0',
  'my-app',
  '/ecs/my-app',
  'o-a1b2c3d4e5',
  'fargate',
  '1.4.0',
  '10.0.1.0/24',
];
const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', ' ', '-', '--', '-h', 'arn:', 'null', '[]', '{}'),
);
const smuggling = fc.tuple(fc.constantFrom(...VALID_LOOKING), fc.constantFrom(...SMUGGLED), fc.nat()).map(([valid, bad, at]) => {
  const i = at % (valid.length + 1);
  return valid.slice(0, i) + bad + valid.slice(i);
});
const huge = fc
  .tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.constantFrom(10_000, 10_001))
  .map(([unit, size]) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size));
const invalidValue = (field: Field) => fc.oneof(anyText, smuggling, huge).filter((v) => !field.mightBeValid(v));

/** The failure every invalid input must produce. */
function expectCleanUsageError(run: CliRun): void {
  expect(run.stdout).toBe('');
  expect(run.status).toBe(2);
  expect(run.stderr.startsWith('policygen: ')).toBe(true);
  expect(run.stderr).not.toMatch(STACK_FRAME);
  expect(run.stderr).not.toContain('internal error');
}

/** The flags each command documents in --help, read from the CLI itself. */
const knownFlags = new Map<string, ReadonlySet<string>>();

beforeAll(async () => {
  for (const command of ['', ...COMMANDS]) {
    const help = await runInProcess(command === '' ? ['--help'] : [command, '--help']);
    knownFlags.set(command, new Set(help.stdout.match(/(?<![\w-])--?[A-Za-z][\w-]*/g) ?? []));
  }
});

describe('CLI: properties over invalid input (in-process)', () => {
  it('should fail cleanly, naming the field, for an invalid value of any flag', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...FIELDS).chain((field) => fc.tuple(fc.constant(field), invalidValue(field), fc.boolean())),
        async ([field, value, inline]) => {
          const run = await runInProcess([...field.base, ...(inline ? [`${field.flag}=${value}`] : [field.flag, value])]);
          expectCleanUsageError(run);
          expect(run.stderr).toMatch(field.named);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  const VALID_RUNS: readonly (readonly string[])[] = [
    ['s3-gateway-policy', '--region', 'us-east-1'],
    EXECUTION_ROLE,
    ECR_ENDPOINT,
    PLAN,
    ['generate', '--example'],
  ];

  it('should fail cleanly on an unknown flag, naming it, even in an otherwise valid command', async () => {
    const unknownFlag = fc.oneof(
      fc.stringMatching(/^--[a-z][a-z0-9-]{0,24}$/),
      fc.stringMatching(/^-[A-Za-z]$/),
      fc.stringMatching(/^--[A-Za-z][\w-]{0,12}=[^\s]{0,12}$/),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...VALID_RUNS), unknownFlag, fc.nat(), async (args, flag, at) => {
        const command = args[0]!;
        const name = flag.split('=')[0]!;
        fc.pre(!knownFlags.get(command)!.has(name) && !knownFlags.get('')!.has(name));
        // Anywhere after the command name, but not between a flag and its value.
        const slots = args.map((_, i) => i).filter((i) => i === 0 || !args[i]!.startsWith('-'));
        const i = slots[at % slots.length]! + 1;
        const run = await runInProcess([...args.slice(0, i), flag, ...args.slice(i)]);
        expectCleanUsageError(run);
        expect(run.stderr).toContain(name);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('should exit 0 on junk arguments only when they ask for help or the version, and 2 otherwise', async () => {
    // Junk that can never make a valid run: no valid Region, no --example, no --out (nothing is written).
    const allFlags = [...new Set([...knownFlags.values()].flatMap((s) => [...s]))].filter((f) => f !== '--out' && f !== '--example');
    const token = fc.oneof(
      { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
      { weight: 2, arbitrary: fc.constantFrom(...COMMANDS, 'help') },
      { weight: 3, arbitrary: fc.constantFrom(...allFlags) },
      { weight: 1, arbitrary: fc.stringMatching(/^--?[a-z][a-z-]{0,10}$/) },
    );
    const asksForHelp = (argv: readonly string[]) =>
      argv.length === 0 ||
      (argv[0] === 'help' && (argv.length === 1 || (COMMANDS as readonly string[]).includes(argv[1]!) || argv[1] === 'help')) ||
      argv.some((t) => t === '--help' || t === '--version' || /^-[A-Za-z]*[hV]/.test(t));
    // Mostly a command first, so the junk reaches the commands' own parsing.
    const junkArgv = fc
      .tuple(fc.option(fc.constantFrom(...COMMANDS), { nil: undefined, freq: 4 }), fc.array(token, { maxLength: 8 }))
      .map(([command, rest]) => (command === undefined ? rest : [command, ...rest]));
    await fc.assert(
      fc.asyncProperty(junkArgv, async (argv) => {
        const run = await runInProcess(argv);
        expect([0, 2]).toContain(run.status);
        expect(run.stderr).not.toMatch(STACK_FRAME);
        expect(run.stderr).not.toContain('internal error');
        if (run.status === 0) {
          expect(asksForHelp(argv)).toBe(true);
        } else {
          expect(run.stdout).toBe('');
          expect(run.stderr.startsWith('policygen: ')).toBe(true);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
