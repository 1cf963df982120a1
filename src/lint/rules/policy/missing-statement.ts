import { isRecord } from '../../../model/json';
import type { PolicyRule } from '../../types';
import { hit, NO_HITS } from './lib/support';

export const missingStatement: PolicyRule<'MISSING_STATEMENT'> = {
  kind: 'policy',
  meta: {
    code: 'MISSING_STATEMENT',
    severity: 'error',
    title: 'The policy has no statement',
    description:
      'A policy needs a Statement element with at least one statement (Access Analyzer check MISSING_STATEMENT, an error; ' +
      'IAM User Guide, "IAM JSON policy elements: Statement").',
    fix: 'Add the statements, e.g. "Statement": [{"Effect": "Allow", "Action": "ecr:BatchGetImage", "Resource": "arn:aws:ecr:us-east-1:111122223333:repository/app"}].',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    if (!isRecord(unit.document)) return NO_HITS;
    const statement = unit.document['Statement'];
    if (statement === undefined) return [hit('the policy must have a Statement element', ['Statement'])];
    if (Array.isArray(statement) && statement.length === 0) return [hit('Statement must hold at least one statement, received []', ['Statement'])];
    return NO_HITS;
  },
};
