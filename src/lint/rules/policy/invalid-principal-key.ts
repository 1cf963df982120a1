import type { PolicyRule } from '../../types';
import { grammarIssues } from './lib/grammar-issues';
import { hit } from './lib/support';

export const invalidPrincipalKey: PolicyRule<'INVALID_PRINCIPAL_KEY'> = {
  kind: 'policy',
  meta: {
    code: 'INVALID_PRINCIPAL_KEY',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'A principal type is not AWS, Service, Federated or CanonicalUser',
    description:
      'The keys of a Principal object are AWS, Service, Federated and CanonicalUser, case-sensitive (IAM User Guide, AWS JSON policy elements: Principal; Access Analyzer check INVALID_PRINCIPAL_KEY, an error).',
    fix: 'Write the principal type as AWS does, e.g. "Aws" -> "AWS", "service" -> "Service".',
  },
  check(unit) {
    return grammarIssues(unit)
      .filter((issue) => issue.code === 'INVALID_PRINCIPAL_KEY')
      .map((issue) => hit(issue.message, issue.path));
  },
};
