/**
 * Checks of a template's or plan's shape at the entry of its reader: a section of the wrong type is
 * a `SourceParseError` at its line (lint reports PARSE_ERROR there, check an input error), where
 * the readers would otherwise skip it and report a clean file.
 */
import { describeValue } from '../model/validate-args';
import type { InputIssue } from '../model/errors';
import { SourceParseError } from './source/source-error';
import type { JsonPath, SourceFile } from './types';

/** A reader's `source` argument: a SourceFile from parseTemplate (or the JSON and YAML readers), else an issue. */
export function sourceArg(value: unknown, field = 'source'): InputIssue | undefined {
  const ok =
    typeof value === 'object' &&
    value !== null &&
    typeof (value as SourceFile).file === 'string' &&
    typeof (value as SourceFile).text === 'string' &&
    typeof (value as SourceFile).locate === 'function';
  return ok ? undefined : { field, expected: 'be a SourceFile (from parseTemplate)', received: describeValue(value) };
}

/** `a string`, `a list`, `null`: how a received value is named in messages. */
function typeOfValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'object':
      return 'a map';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    default:
      return typeof value;
  }
}

/** `Resources`, `planned_values.root_module`, `resource_changes[2]`. */
function showPath(path: JsonPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(file)';
}

/** Throws at `path` unless `ok`: "<path> must <expected>, received <its type>". */
export function requireShape(source: SourceFile, path: JsonPath, value: unknown, ok: boolean, expected: string): void {
  if (!ok) throw new SourceParseError(`${showPath(path)} must ${expected}, received ${typeOfValue(value)}`, source.locate(path));
}
