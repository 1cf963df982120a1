import type { PolicyRule } from '../../types';
import { isDateValue, hasVariable } from './lib/condition-values';
import { conditionValueHits, hit, operatorFamily, showValue } from './lib/support';

export const typeMismatchDate: PolicyRule<'TYPE_MISMATCH_DATE'> = {
  kind: 'policy',
  meta: {
    code: 'TYPE_MISMATCH_DATE',
    severity: 'warning',
    title: 'A Date condition has a value that is not a date',
    description:
      'Date operators compare a key with an ISO 8601 date or time (YYYY-MM-DD, YYYY-MM-DDThh:mm:ssZ) or epoch seconds; a value of another form does not work as intended (Access Analyzer check TYPE_MISMATCH_DATE, a general warning; IAM User Guide, "Date condition operators").',
    fix: 'Write an ISO 8601 date, e.g. "DateLessThan": {"aws:CurrentTime": "31/12/2026"} -> "DateLessThan": {"aws:CurrentTime": "2026-12-31T00:00:00Z"}.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    return conditionValueHits(unit.view.statements, (c, v) => {
      if (operatorFamily(c.baseOperator) !== 'Date' || isDateValue(v.value) || hasVariable(v.value)) return undefined;
      return hit(
        `the value of ${showValue(c.key)} under ${c.operator} must be an ISO 8601 date such as 2026-01-31 or 2026-01-31T12:00:00Z, or epoch seconds, received ${showValue(v.value)}`,
        v.path,
        `Condition::${c.key}::${v.value}`,
      );
    });
  },
};
