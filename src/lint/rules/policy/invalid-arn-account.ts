import type { PolicyRule, RuleHit } from '../../types';
import { arnFields, isOpenField, resourceValues } from './lib/arn-fields';
import { hit, NO_HITS, showValue } from './lib/support';

const ACCOUNT = /^\d{12}$/;

export const invalidArnAccount: PolicyRule<'INVALID_ARN_ACCOUNT'> = {
  kind: 'policy',
  meta: {
    code: 'INVALID_ARN_ACCOUNT',
    severity: 'error',
    title: 'The account of a resource ARN is not a 12-digit account ID',
    description:
      'The fifth field of an ARN is empty or a 12-digit account ID (Access Analyzer check INVALID_ARN_ACCOUNT, an error; AWS General Reference, "AWS account identifiers"). AWS-owned resources use "aws" there (arn:aws:iam::aws:policy/…), which is accepted.',
    fix: 'Write the 12 digits, e.g. "arn:aws:ecr:us-east-1:11112222333:repository/app" -> "arn:aws:ecr:us-east-1:111122223333:repository/app".',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      if (s.resources === undefined && s.notResources === undefined) continue;
      for (const r of resourceValues(s)) {
        const arn = arnFields(r.value);
        if (
          arn !== undefined &&
          arn.resource !== undefined &&
          arn.account !== '' &&
          arn.account !== 'aws' &&
          !isOpenField(arn.account) &&
          !ACCOUNT.test(arn.account)
        )
          (hits ??= []).push(
            hit(
              `the account ${showValue(arn?.account)} of the resource ARN ${showValue(r.value)} must be a 12-digit account ID`,
              r.path,
              `Resource::${r.value}`,
            ),
          );
      }
    }
    return hits ?? NO_HITS;
  },
};
