import type { PolicyRule } from '../../types';
import { grammarIssues } from './lib/grammar-issues';
import { hit } from './lib/support';

export const invalidPrincipalFormat: PolicyRule<'INVALID_PRINCIPAL_FORMAT'> = {
  kind: 'policy',
  meta: {
    code: 'INVALID_PRINCIPAL_FORMAT',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'Principal is neither "*" nor a map of principal types',
    description:
      'Principal and NotPrincipal are "*" or an object whose keys are principal types, such as {"AWS": "arn:aws:iam::111122223333:root"} (IAM User Guide, AWS JSON policy elements: Principal; Access Analyzer check INVALID_PRINCIPAL_FORMAT, an error).',
    fix: 'Name the principal type, e.g. "Principal": "arn:aws:iam::111122223333:root" -> "Principal": {"AWS": "arn:aws:iam::111122223333:root"}.',
  },
  check(unit) {
    return grammarIssues(unit)
      .filter((issue) => issue.code === 'INVALID_PRINCIPAL_FORMAT')
      .map((issue) => hit(issue.message, issue.path));
  },
};
