import type { PolicyRule } from '../../types';
import { grammarIssues } from './lib/grammar-issues';
import { hit } from './lib/support';

export const invalidConditionOperator: PolicyRule<'INVALID_CONDITION_OPERATOR'> = {
  kind: 'policy',
  meta: {
    code: 'INVALID_CONDITION_OPERATOR',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'A condition operator is not an IAM condition operator',
    description:
      'The keys of a Condition block are IAM condition operators, optionally with ForAnyValue:/ForAllValues: and IfExists (IAM User Guide, IAM JSON policy elements: Condition operators; Access Analyzer check INVALID_CONDITION_OPERATOR, an error). IAM rejects the policy.',
    fix: 'Spell the operator as AWS does, e.g. "StringEqual" -> "StringEquals".',
  },
  check(unit) {
    return grammarIssues(unit)
      .filter((issue) => issue.code === 'INVALID_CONDITION_OPERATOR')
      .map((issue) => hit(issue.message, issue.path));
  },
};
