import type { PolicyRule } from '../../types';
import { conditionValueHits, hasWildcard, hit, isLikeOperator, operatorFamily, showValue } from './lib/support';

// The escapes ${*} and ${?} stand for a literal * and ? (IAM User Guide, policy variables): no wildcard.
const ESCAPED_WILDCARD = /\$\{[*?]\}/g;

export const wildcardWithoutLikeOperator: PolicyRule<'WILDCARD_WITHOUT_LIKE_OPERATOR'> = {
  kind: 'policy',
  meta: {
    code: 'WILDCARD_WITHOUT_LIKE_OPERATOR',
    severity: 'warning',
    title: 'A condition value has * or ? under an operator that does not match wildcards',
    description:
      'Only the Like operators (StringLike, StringNotLike, ArnLike, ArnNotLike) and the ARN operators read * and ? as ' +
      'wildcards; StringEquals compares them as characters, so "admin-*" matches only the text admin-* (Access Analyzer check ' +
      'WILDCARD_WITHOUT_LIKE_OPERATOR, a general warning). ArnEquals matches wildcards like ArnLike, so it is not reported.',
    fix: 'Use the Like operator, e.g. "StringEquals": {"aws:PrincipalTag/job-category": "admin-*"} -> "StringLike": {…}.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    return conditionValueHits(unit.view.statements, (c, v) => {
      if (operatorFamily(c.baseOperator) !== 'String' || isLikeOperator(c.baseOperator) || !hasWildcard(v.value)) return undefined;
      if (!hasWildcard(v.value.replace(ESCAPED_WILDCARD, ''))) return undefined;
      return hit(
        `the value ${showValue(v.value)} of ${showValue(c.key)} has a wildcard, which ${c.operator} compares as a character: use a Like operator to match a pattern`,
        v.path,
        `Condition::${c.key}::${v.value}`,
      );
    });
  },
};
