import type { PolicyRule } from '../../types';
import { isEpochDate } from './lib/condition-values';
import { conditionValueHits, hit, operatorFamily, showValue } from './lib/support';

export const invalidDateValue: PolicyRule<'INVALID_DATE_VALUE'> = {
  kind: 'policy',
  meta: {
    code: 'INVALID_DATE_VALUE',
    severity: 'warning',
    title: 'A Date condition gives epoch seconds rather than an ISO 8601 date',
    description:
      'Epoch time might not resolve to the time you expect; AWS recommends the W3C profile of ISO 8601 (YYYY-MM-DD or ' +
      'YYYY-MM-DDThh:mm:ssTZD) for Date operators (Access Analyzer check INVALID_DATE_VALUE, a general warning).',
    fix: 'Write the date in ISO 8601, e.g. "DateGreaterThan": {"aws:CurrentTime": "1798761600"} -> "DateGreaterThan": {"aws:CurrentTime": "2027-01-01T00:00:00Z"}.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    return conditionValueHits(unit.view.statements, (c, v) => {
      if (operatorFamily(c.baseOperator) !== 'Date' || !isEpochDate(v.value)) return undefined;
      return hit(
        `the date ${showValue(v.value)} of ${showValue(c.key)} should be an ISO 8601 date such as 2027-01-01T00:00:00Z, received epoch seconds`,
        v.path,
        `Condition::${c.key}::${v.value}`,
      );
    });
  },
};
