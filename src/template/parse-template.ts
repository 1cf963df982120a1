import { PolicygenInputError } from '../model/errors';
import { checkArgs, stringArg } from '../model/validate-args';
import { sourceFormatOf } from './detect';
import { parseJsonSource } from './source/json-source';
import { SourceParseError } from './source/source-error';
import { parseYamlSource } from './source/yaml-source';
import type { SourceFile } from './types';

/**
 * Parses a template, plan or policy held in memory into the SourceFile that `checkTemplate` and the
 * readers take: YAML (with CloudFormation's short forms) for `.yaml`/`.yml` names, JSON for `.json`,
 * otherwise by the first character. Pure: `file` only names the text in messages and findings.
 * Throws PolicygenInputError, with the file, line and column, for text that is not valid JSON or YAML.
 *
 * @example
 * const report = checkTemplate(parseTemplate(text, 'stack.yaml'), { region: 'eu-west-1' });
 */
export function parseTemplate(text: string, file: string): SourceFile {
  checkArgs(stringArg(text, 'text'), stringArg(file, 'file'));
  const format = sourceFormatOf(file, text);
  try {
    return format === 'yaml' ? parseYamlSource(file, text) : parseJsonSource(file, text);
  } catch (error) {
    if (!(error instanceof SourceParseError)) throw error;
    throw new PolicygenInputError([
      {
        field: 'template',
        expected: `be valid ${format === 'yaml' ? 'YAML' : 'JSON'}`,
        received: `a syntax error: ${error.message.replace(/^invalid (JSON|YAML): /, '')}`,
        location: { file, ...error.position },
      },
    ]);
  }
}
