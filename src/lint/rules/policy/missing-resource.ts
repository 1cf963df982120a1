import type { PolicyRule } from '../../types';
import { hit } from './lib/support';

export const missingResource: PolicyRule<'MISSING_RESOURCE'> = {
  kind: 'policy',
  meta: {
    code: 'MISSING_RESOURCE',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'An identity policy statement has neither Resource nor NotResource',
    description:
      'Identity-based policies must include a Resource or NotResource element in every statement; IAM rejects the policy ' +
      'otherwise (Access Analyzer check MISSING_RESOURCE, an error).',
    fix: 'Add the resources the statement applies to, e.g. "Resource": "arn:aws:ecr:us-east-1:111122223333:repository/app", or "Resource": "*" for actions that take none.',
  },
  appliesTo: ['identity'],
  check(unit) {
    return unit.view.statements
      .filter((s) => s.raw['Resource'] === undefined && s.raw['NotResource'] === undefined)
      .map((s) => hit('the statement must have a Resource or NotResource element, received neither', s.path));
  },
};
