import type { ConditionView, PolicyRule, RuleHit, StatementView } from '../../types';
import { hit, showValue } from './lib/support';

export const stringLikeOperatorWithArnConditionKeys: PolicyRule<'STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS'> = {
  kind: 'policy',
  meta: {
    code: 'STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS',
    severity: 'security_warning',
    title: 'An ARN condition key is compared with StringLike',
    description:
      'Keys of type ARN (aws:SourceArn, aws:PrincipalArn, …) should be compared with ArnLike/ArnNotLike, which match each ' +
      'ARN field separately, rather than StringLike, where a * can run across the colons between fields (Access Analyzer ' +
      'check STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS, a security warning; key types from the Service Authorization Reference).',
    fix: 'Replace the operator, e.g. "StringLike": {"aws:SourceArn": "arn:aws:ecs:*:111122223333:*"} -> "ArnLike": {…}.',
  },
  check(unit, { iam }) {
    const hits: RuleHit[] = [];
    const statements = unit.view.statements;
    for (let si = 0; si < statements.length; si++) {
      const s = statements[si] as StatementView;
      for (let ci = 0; ci < s.conditions.length; ci++) {
        const c = s.conditions[ci] as ConditionView;
        if (c.baseOperator !== 'StringLike' && c.baseOperator !== 'StringNotLike') continue;
        const types = iam.conditionKeyTypes(c.key);
        if (types === undefined || !types.some((t) => t === 'ARN' || t === 'ArrayOfARN')) continue;
        const arnOperator = c.baseOperator === 'StringLike' ? 'ArnLike' : 'ArnNotLike';
        hits.push(
          hit(
            `the ARN condition key ${showValue(c.key)} must be compared with ${arnOperator}, received ${showValue(c.operator)}`,
            c.path,
            `Condition::${c.key}`,
          ),
        );
      }
    }
    return hits;
  },
};
