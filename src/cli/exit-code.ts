import { CommanderError } from 'commander';
import { PolicygenInputError } from '../model/errors';
import { CliIoError } from './io';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

const COMMANDER_SUCCESS = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);

/** The exit code for what a run threw: usage and input errors are 2, so scripts can tell them apart. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return COMMANDER_SUCCESS.has(error.code) && error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  if (error instanceof PolicygenInputError || error instanceof CliIoError) return EXIT_USAGE;
  return EXIT_FAILURE;
}
