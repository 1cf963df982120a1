import type { JsonPath, PolicyRule, RuleHit } from '../../types';
import { hit } from './lib/support';
import { AWS_SOURCES } from '../../../model/aws-sources';

const INVALID = /[^\t\n\r\u0020-\u00FF]/u;
/**
 * The same test per UTF-16 unit, for the whole text: every allowed character is one unit below
 * U+0100, and any other code point has a unit outside the class (astral ones two surrogates), so it
 * finds the same texts as INVALID while skipping the slower code-point matching of the u flag.
 */
const INVALID_UNIT = /[^\t\n\r\u0020-\u00FF]/;

const describe = (text: string): string => {
  const code = INVALID.exec(text)?.[0].codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
};

interface Node {
  readonly value: unknown;
  readonly key?: string | number;
  readonly parent?: Node;
}

/** The path of a node, built only for the few nodes that have a finding. */
function pathOf(node: Node): JsonPath {
  const path: (string | number)[] = [];
  for (let n: Node | undefined = node; n?.key !== undefined; n = n.parent) path.push(n.key);
  return path.reverse();
}

export const policyInvalidCharacter: PolicyRule<'POLICY_INVALID_CHARACTER'> = {
  kind: 'policy',
  meta: {
    code: 'POLICY_INVALID_CHARACTER',
    severity: 'error',
    source: 'policygen',
    offline: true,
    title: 'The policy holds a character IAM does not accept',
    description:
      'Policy documents may contain only tab, line feed, carriage return and the characters U+0020 to U+00FF (IAM User ' +
      `Guide, "IAM and AWS STS quotas", ${AWS_SOURCES['IAM-QUOTAS'].url}). Typographic` +
      ' quotes, non-breaking hyphens and emoji pasted from ' +
      'documents are the usual culprits; IAM rejects the policy.',
    fix: "Retype the value in plain ASCII, e.g. replace the typographic quote ’ by ' or the dash – by -.",
  },
  check(unit) {
    // Fast path: the text as sent has no such character and no \u escape that could hide one.
    if (unit.text !== undefined && !INVALID_UNIT.test(unit.text) && !unit.text.includes('\\u')) return [];
    const hits: RuleHit[] = [];
    // Iterative walk: documents may be deeply nested.
    const stack: Node[] = [{ value: unit.document }];
    while (stack.length > 0) {
      const node = stack.pop() as Node;
      const { value } = node;
      if (typeof value === 'string') {
        if (INVALID.test(value))
          hits.push(hit(`the value must use only tab, LF, CR and U+0020–U+00FF, received ${describe(value)} in ${JSON.stringify(value)}`, pathOf(node)));
      } else if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: i, parent: node });
      } else if (value !== null && typeof value === 'object') {
        const entries = Object.entries(value);
        for (let i = entries.length - 1; i >= 0; i--) {
          const [key, child] = entries[i] as [string, unknown];
          const childNode: Node = { value: child, key, parent: node };
          if (INVALID.test(key))
            hits.push(hit(`the key must use only tab, LF, CR and U+0020–U+00FF, received ${describe(key)} in ${JSON.stringify(key)}`, pathOf(childNode)));
          stack.push(childNode);
        }
      }
    }
    return hits;
  },
};
