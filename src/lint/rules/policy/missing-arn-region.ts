import type { PolicyRule } from '../../types';
import { arnFormatHits } from './lib/arn-formats';
import { showValue } from './lib/support';

export const missingArnRegion: PolicyRule<'MISSING_ARN_REGION'> = {
  kind: 'policy',
  meta: {
    code: 'MISSING_ARN_REGION',
    severity: 'error',
    title: 'A resource ARN has no Region where its ARN format has one',
    description:
      'The Region field is empty, but every ARN format of the service that fits the resource part has a ${Region} (Service Authorization Reference), ' +
      'so the ARN matches no resource (Access Analyzer check MISSING_ARN_REGION, an error).',
    fix: 'Write the Region, or * for any, e.g. "arn:aws:ecr::111122223333:repository/app" -> "arn:aws:ecr:us-east-1:111122223333:repository/app".',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit, { iam }) {
    return arnFormatHits(unit.view.statements, iam, (match, value) =>
      match.region === '' && match.matching.length > 0 && match.matching.every((f) => f.hasRegion)
        ? `the resource ARN ${showValue(value)} must name a Region: its format is ${showValue(match.matching[0]?.arn)}`
        : undefined,
    );
  },
};
