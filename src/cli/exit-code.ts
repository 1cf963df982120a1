import { CommanderError } from 'commander';
import { PolicygenInputError } from '../model/errors';
import { CliIoError } from './io';

/** Success, or nothing found. */
const EXIT_OK = 0;
/** Findings at or above `--fail-on`, a blocked step of the pull, NEW broader than OLD. */
export const EXIT_FAILURE = 1;
/** Bad usage or input: an unknown or missing option, an unreadable or malformed file. */
const EXIT_USAGE = 2;
/** A bug in policygen: `POLICYGEN_DEBUG=1` prints its stack. CI can tell it from a bad policy. */
const EXIT_INTERNAL = 3;
/** `check` could not decide: a step depends on what only the deployment knows. */
const EXIT_UNDECIDED = 4;

const COMMANDER_SUCCESS = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);

/**
 * The code of the CommanderError a command throws when it has printed its result but must exit 1
 * (`lint` with findings at or above --fail-on): main prints nothing more.
 */
export const FINDINGS_FAIL = 'policygen.findings';
/** As FINDINGS_FAIL, for a result that could not be decided (exit 4). */
const UNDECIDED = 'policygen.undecided';
/** As FINDINGS_FAIL, for a result printed although an input could not be read or parsed (exit 2). */
const UNREADABLE_INPUT = 'policygen.unreadableInput';

/** What a command's printed result means for its exit code. */
export type Outcome = 'ok' | 'findings' | 'undecided' | 'unreadable';

/**
 * The outcome of a `lint` run: an input that could not be read or parsed (a finding whose code is
 * in UNREADABLE_INPUT_CODES, src/lint/rules) is bad input whatever else was found, so CI can tell a
 * broken file from a policy to fix; otherwise findings at or above `--fail-on`. Takes the two facts,
 * not the report, so that this module loads no part of the linter for other commands.
 */
export function lintOutcome(run: { readonly unreadableInput: boolean; readonly failsAtThreshold: boolean }): Outcome {
  if (run.unreadableInput) return 'unreadable';
  return run.failsAtThreshold ? 'findings' : 'ok';
}

/**
 * The outcome of a `check` from its counts: a blocked step is a finding whatever else is unknown
 * (the user has something to fix now); otherwise a step that could not be decided makes the run
 * undecided. `unknown` is optional until the check report counts its undecided steps.
 */
export function checkOutcome(summary: { readonly blocked: number; readonly unknown?: number }): Outcome {
  if (summary.blocked > 0) return 'findings';
  return (summary.unknown ?? 0) > 0 ? 'undecided' : 'ok';
}

/** What a command throws, after printing its result, to end the run with a non-zero outcome. */
export function outcomeError(outcome: Exclude<Outcome, 'ok'>, message: string): CommanderError {
  switch (outcome) {
    case 'findings':
      return new CommanderError(EXIT_FAILURE, FINDINGS_FAIL, message);
    case 'undecided':
      return new CommanderError(EXIT_UNDECIDED, UNDECIDED, message);
    case 'unreadable':
      return new CommanderError(EXIT_USAGE, UNREADABLE_INPUT, message);
  }
}

/** Whether an error is the user's to fix (exit 2) rather than a bug (exit 3). */
function isUsageError(error: unknown): boolean {
  if (error instanceof PolicygenInputError || error instanceof CliIoError) return true;
  return error instanceof CommanderError && !COMMANDER_SUCCESS.has(error.code) && error.code !== FINDINGS_FAIL && error.code !== UNDECIDED;
}

/**
 * Every command's exit code, from how its run ended: `undefined` when the action returned, else
 * what it threw. Pure: main prints, this only decides.
 *
 * 0 success or nothing found; 1 findings, a blocked step, NEW broader; 2 bad usage or input
 * (for `lint`, also a file it could not read or parse, after printing the report);
 * 3 anything else (a bug); 4 `check` could not decide.
 */
export function exitCodeFor(thrown: unknown): number {
  if (thrown === undefined) return EXIT_OK;
  if (thrown instanceof CommanderError) {
    if (thrown.code === FINDINGS_FAIL) return EXIT_FAILURE;
    if (thrown.code === UNDECIDED) return EXIT_UNDECIDED;
    if (thrown.code === UNREADABLE_INPUT) return EXIT_USAGE;
    // `--help` and `--version` end with a CommanderError of exit code 0; `help` with no command, 1.
    return COMMANDER_SUCCESS.has(thrown.code) && thrown.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (isUsageError(thrown)) return EXIT_USAGE;
  return EXIT_INTERNAL;
}
