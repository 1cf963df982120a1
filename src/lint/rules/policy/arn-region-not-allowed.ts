import type { PolicyRule } from '../../types';
import { isOpenField } from './lib/arn-fields';
import { arnFormatHits } from './lib/arn-formats';
import { showValue } from './lib/support';

export const arnRegionNotAllowed: PolicyRule<'ARN_REGION_NOT_ALLOWED'> = {
  kind: 'policy',
  meta: {
    code: 'ARN_REGION_NOT_ALLOWED',
    severity: 'error',
    title: 'A resource ARN names a Region where its ARN format has none',
    description:
      'The Region field is set, but no ARN format of the service that fits the resource part has a Region (Service Authorization Reference: ' +
      'IAM, S3 buckets, CloudFront …), so the ARN matches no resource (Access Analyzer check ARN_REGION_NOT_ALLOWED, an error). ' +
      'A Region written with a wildcard or a variable is not judged.',
    fix: 'Leave the Region field empty, e.g. "arn:aws:iam:us-east-1:111122223333:role/app" -> "arn:aws:iam::111122223333:role/app".',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit, { iam }) {
    return arnFormatHits(unit.view.statements, iam, (match, value) =>
      match.region !== '' && !isOpenField(match.region) && match.matching.length > 0 && match.matching.every((f) => !f.hasRegion)
        ? `the resource ARN ${showValue(value)} must not name a Region, received ${showValue(match.region)}: its format is ${showValue(match.matching[0]?.arn)}`
        : undefined,
    );
  },
};
