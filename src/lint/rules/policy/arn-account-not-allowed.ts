import type { PolicyRule } from '../../types';
import { isOpenField } from './lib/arn-fields';
import { arnFormatHits } from './lib/arn-formats';
import { showValue } from './lib/support';

export const arnAccountNotAllowed: PolicyRule<'ARN_ACCOUNT_NOT_ALLOWED'> = {
  kind: 'policy',
  meta: {
    code: 'ARN_ACCOUNT_NOT_ALLOWED',
    severity: 'error',
    title: 'A resource ARN names an account where its ARN format has none',
    description:
      'The account field is set, but no ARN format of the service that fits the resource part has an account (Service Authorization Reference: ' +
      'S3 buckets and objects, Route 53 hosted zones …), so the ARN matches no resource (Access Analyzer check ARN_ACCOUNT_NOT_ALLOWED, an error). ' +
      'An account written with a wildcard or a variable is not judged.',
    fix: 'Leave the account field empty, e.g. "arn:aws:s3::111122223333:amzn-s3-demo-bucket" -> "arn:aws:s3:::amzn-s3-demo-bucket".',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit, { iam }) {
    return arnFormatHits(unit.view.statements, iam, (match, value) =>
      match.account !== '' && !isOpenField(match.account) && match.matching.length > 0 && match.matching.every((f) => !f.hasAccount)
        ? `the resource ARN ${showValue(value)} must not name an account, received ${showValue(match.account)}: its format is ${showValue(match.matching[0]?.arn)}`
        : undefined,
    );
  },
};
