import type { Advisory } from '../generate/advisories';
import { renderJson } from '../render/json';
import { writeFileAtomic } from './io';

/** Where a command writes: injected so tests can run the CLI in-process. */
export interface CliContext {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export interface OutputOptions {
  readonly out?: string;
  readonly quiet?: boolean;
}

/** Prints a command's JSON result (or writes it atomically with --out) and its advisories on stderr. */
export function emit(ctx: CliContext, value: unknown, advisories: readonly Advisory[], options: OutputOptions): void {
  const text = renderJson(value);
  if (options.out !== undefined) writeFileAtomic(options.out, text);
  else ctx.stdout(text);
  if (options.quiet !== true) {
    for (const a of advisories) ctx.stderr(`policygen: ${a.level} [${a.id}] ${a.message}\n`);
  }
}

/** Commander collector for repeatable options: `--repository a --repository b`. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
