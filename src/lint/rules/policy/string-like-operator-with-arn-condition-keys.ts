import type { PolicyRule } from '../../types';
import { conditionHits, hit, showValue } from './lib/support';

export const stringLikeOperatorWithArnConditionKeys: PolicyRule<'STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS'> = {
  kind: 'policy',
  meta: {
    code: 'STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS',
    severity: 'security_warning',
    source: 'access-analyzer',
    offline: true,
    title: 'An ARN condition key is compared with StringLike',
    description:
      'Keys of type ARN (aws:SourceArn, aws:PrincipalArn, …) should be compared with ArnLike/ArnNotLike, which match each ' +
      'ARN field separately, rather than StringLike, where a * can run across the colons between fields (Access Analyzer ' +
      'check STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS, a security warning; key types from the Service Authorization Reference).',
    fix: 'Replace the operator, e.g. "StringLike": {"aws:SourceArn": "arn:aws:ecs:*:111122223333:*"} -> "ArnLike": {…}.',
  },
  check(unit, { iam }) {
    return conditionHits(unit.view.statements, (c) => {
      if (c.baseOperator !== 'StringLike' && c.baseOperator !== 'StringNotLike') return undefined;
      const types = iam.conditionKeyTypes(c.key);
      if (types === undefined || !types.some((t) => t === 'ARN' || t === 'ArrayOfARN')) return undefined;
      const arnOperator = c.baseOperator === 'StringLike' ? 'ArnLike' : 'ArnNotLike';
      return hit(
        `the ARN condition key ${showValue(c.key)} must be compared with ${arnOperator}, received ${showValue(c.operator)}`,
        c.path,
        `Condition::${c.key}`,
      );
    });
  },
};
