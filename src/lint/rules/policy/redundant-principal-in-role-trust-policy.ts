import type { PolicyRule, RuleHit } from '../../types';
import { hit, NO_HITS, showValue } from './lib/support';

// ARN formats: IAM User Guide, "IAM identifiers" (role arn:aws:iam::ACCOUNT:role/PATH/NAME; assumed-role
// session arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION, without the role's path).
const ROLE_ARN = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;
const ASSUMED_ROLE_ARN = /^arn:([^:]+):(?:sts|iam)::(\d{12}):assumed-role\/([^/]+)\/.+$/;

export const redundantPrincipalInRoleTrustPolicy: PolicyRule<'REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY'> = {
  kind: 'policy',
  meta: {
    code: 'REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY',
    severity: 'suggestion',
    source: 'access-analyzer',
    offline: true,
    title: 'A role trust policy names an assumed-role session and its role',
    description:
      'Naming both a role and a session of it (assumed-role/NAME/SESSION) in one Principal "does not allow or deny any different ' +
      'permissions" (IAM User Guide, "IAM policy validation check reference", Access Analyzer check ' +
      'REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY, a suggestion). Runs on role trust policies.',
    fix: 'Remove the assumed-role principal, e.g. keep "arn:aws:iam::111122223333:role/deploy" and drop "arn:aws:sts::111122223333:assumed-role/deploy/ci".',
  },
  appliesTo: ['trust'],
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      const roles = new Set<string>();
      for (const p of s.principalValues) {
        const role = p.type === 'AWS' ? ROLE_ARN.exec(p.value) : null;
        if (role !== null) roles.add(`${role[1]}:${role[2]}:${role[3]}`);
      }
      if (roles.size === 0) continue;
      for (const p of s.principalValues) {
        const session = p.type === 'AWS' ? ASSUMED_ROLE_ARN.exec(p.value) : null;
        if (session !== null && roles.has(`${session[1]}:${session[2]}:${session[3]}`))
          (hits ??= []).push(hit(`the assumed-role principal ${showValue(p.value)} is redundant with its role ${session[3]} in the same Principal`, p.path));
      }
    }
    return hits ?? NO_HITS;
  },
};
