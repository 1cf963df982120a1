import type { PolicyRule } from '../../types';
import { hit } from './lib/support';

export const unsupportedPrincipal: PolicyRule<'UNSUPPORTED_PRINCIPAL'> = {
  kind: 'policy',
  meta: {
    code: 'UNSUPPORTED_PRINCIPAL',
    severity: 'error',
    title: 'An identity policy names a Principal',
    description:
      'An identity-based policy applies to the user, group or role it is attached to; IAM rejects a Principal or NotPrincipal ' +
      'element in it (Access Analyzer check UNSUPPORTED_PRINCIPAL, an error).',
    fix: 'Remove Principal from the statement; to limit who may use the permission, attach the policy only to that role, or use a condition such as aws:PrincipalArn in a resource policy.',
  },
  appliesTo: ['identity'],
  check(unit) {
    return unit.view.statements.flatMap((s) =>
      (['Principal', 'NotPrincipal'] as const)
        .filter((element) => s.raw[element] !== undefined)
        .map((element) => hit(`${element} must not be present in an identity-based policy`, [...s.path, element])),
    );
  },
};
