import type { PolicyRule, RuleHit, StatementView } from '../../types';
import { hit } from './lib/support';

const ELEMENTS = ['Principal', 'NotPrincipal'] as const;

export const unsupportedPrincipal: PolicyRule<'UNSUPPORTED_PRINCIPAL'> = {
  kind: 'policy',
  meta: {
    code: 'UNSUPPORTED_PRINCIPAL',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'An identity policy names a Principal',
    description:
      'An identity-based policy applies to the user, group or role it is attached to; IAM rejects a Principal or NotPrincipal ' +
      'element in it (Access Analyzer check UNSUPPORTED_PRINCIPAL, an error).',
    fix: 'Remove Principal from the statement; to limit who may use the permission, attach the policy only to that role, or use a condition such as aws:PrincipalArn in a resource policy.',
  },
  appliesTo: ['identity'],
  check(unit) {
    // Runs on every identity policy, where principals are rare: nothing is allocated without one.
    let hits: RuleHit[] | undefined;
    const statements = unit.view.statements;
    for (let i = 0; i < statements.length; i++) {
      const s = statements[i] as StatementView;
      for (let e = 0; e < ELEMENTS.length; e++) {
        const element = ELEMENTS[e] as (typeof ELEMENTS)[number];
        if (s.raw[element] !== undefined) (hits ??= []).push(hit(`${element} must not be present in an identity-based policy`, [...s.path, element]));
      }
    }
    return hits ?? [];
  },
};
