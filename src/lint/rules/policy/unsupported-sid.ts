import type { PolicyRule, RuleHit } from '../../types';

import { hit, NO_HITS, showValue } from './lib/support';

const SID = /^[A-Za-z0-9]+$/;

export const unsupportedSid: PolicyRule<'UNSUPPORTED_SID'> = {
  kind: 'policy',
  meta: {
    code: 'UNSUPPORTED_SID',
    severity: 'error',
    title: 'The Sid has characters other than letters and digits',
    description:
      'In IAM policies the Sid takes ASCII letters (A-Z, a-z) and digits (0-9) only (Access Analyzer check UNSUPPORTED_SID, an error; IAM User Guide, "IAM JSON policy elements: Sid"). Resource policies of other services (S3, SQS, SNS) accept other characters, so only identity policies are checked.',
    fix: 'Keep letters and digits, e.g. "Sid": "pull-images" -> "Sid": "PullImages".',
    source: 'access-analyzer',
    offline: true,
  },
  appliesTo: ['identity'],
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      const sid = s.raw['Sid'];
      if (typeof sid === 'string' && sid !== '' && !SID.test(sid))
        (hits ??= []).push(hit(`Sid must hold only letters A-Z, a-z and digits 0-9, received ${showValue(sid)}`, [...s.path, 'Sid']));
    }
    return hits ?? NO_HITS;
  },
};
