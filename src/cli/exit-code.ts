import { CommanderError } from 'commander';
import { PolicygenInputError } from '../model/errors';
import { CliIoError } from './io';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

const COMMANDER_SUCCESS = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);

/**
 * The code of the CommanderError a command throws when it has printed its result but must exit 1
 * (`lint` with findings at or above --fail-on): main prints nothing more.
 */
export const FINDINGS_FAIL = 'policygen.findings';

/** The exit code for what a run threw: usage and input errors are 2, so scripts can tell them apart. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    if (error.code === FINDINGS_FAIL) return EXIT_FAILURE;
    return COMMANDER_SUCCESS.has(error.code) && error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (error instanceof PolicygenInputError || error instanceof CliIoError) return EXIT_USAGE;
  return EXIT_FAILURE;
}
