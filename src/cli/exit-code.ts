import { CommanderError } from 'commander';
import { PolicygenInputError } from '../model/errors';
import { CliIoError } from './io';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** `check` could not decide: no step blocked, some unknown (CI chooses whether that fails). */
export const EXIT_UNDECIDED = 4;

const COMMANDER_SUCCESS = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);

/**
 * The code of the CommanderError a command throws when it has printed its result but must exit 1
 * (`lint` with findings at or above --fail-on): main prints nothing more.
 */
export const FINDINGS_FAIL = 'policygen.findings';
/** The code of the CommanderError `check` throws when it has printed a report with unknown steps and none blocked: exit 4. */
export const CHECK_UNDECIDED = 'policygen.undecided';

/** The exit code for what a run threw: usage and input errors are 2, so scripts can tell them apart. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    if (error.code === FINDINGS_FAIL) return EXIT_FAILURE;
    if (error.code === CHECK_UNDECIDED) return EXIT_UNDECIDED;
    return COMMANDER_SUCCESS.has(error.code) && error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (error instanceof PolicygenInputError || error instanceof CliIoError) return EXIT_USAGE;
  return EXIT_FAILURE;
}
