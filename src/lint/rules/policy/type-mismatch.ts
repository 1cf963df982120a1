import type { PolicyRule } from '../../types';
import { conditionHits, hit, type OperatorFamily, operatorFamily, showValue } from './lib/support';

/**
 * Operator families each key type accepts (IAM User Guide, "Condition operators"). ARN keys also take
 * string operators, and String keys ARN operators: many String keys hold ARNs (kms:EncryptionContext:aws:s3:arn,
 * tags naming resources), and AWS's own managed policies compare them with ArnLike.
 */
const ACCEPTED: Readonly<Record<string, readonly OperatorFamily[]>> = {
  String: ['String', 'Arn'],
  ArrayOfString: ['String', 'Arn'],
  ARN: ['Arn', 'String'],
  ArrayOfARN: ['Arn', 'String'],
  Numeric: ['Numeric'],
  ArrayOfNumeric: ['Numeric'],
  Date: ['Date'],
  Bool: ['Bool'],
  ArrayOfBool: ['Bool'],
  IPAddress: ['IpAddress'],
  Binary: ['Binary'],
};

// Keys whose documented type is wider than the one catalogue type: aws:EpochTime is "Date, Numeric"
// (IAM User Guide, global condition keys).
const EXTRA: Readonly<Record<string, readonly OperatorFamily[]>> = { 'aws:epochtime': ['Numeric'] };

// Catalogs hand out one list per type: the families it accepts are worked out once.
const acceptedByTypes = new WeakMap<readonly string[], readonly OperatorFamily[]>();

/** The operator families a key of these types accepts. */
function acceptedFamilies(types: readonly string[], key: string): readonly OperatorFamily[] {
  const lower = key.toLowerCase();
  const extra = Object.hasOwn(EXTRA, lower) ? EXTRA[lower] : undefined;
  if (extra !== undefined) return [...types.flatMap((t) => ACCEPTED[t] ?? []), ...extra];
  let accepted = acceptedByTypes.get(types);
  if (accepted === undefined) {
    accepted = types.flatMap((t) => ACCEPTED[t] ?? []);
    acceptedByTypes.set(types, accepted);
  }
  return accepted;
}

export const typeMismatch: PolicyRule<'TYPE_MISMATCH'> = {
  kind: 'policy',
  meta: {
    code: 'TYPE_MISMATCH',
    severity: 'warning',
    source: 'access-analyzer',
    offline: true,
    title: 'The condition operator does not fit the type of the condition key',
    description:
      'Each condition key has a type (String, ARN, Numeric, Date, Bool, IPAddress, …, from the Service Authorization ' +
      'Reference) and takes the operators of that type: aws:SecureTransport needs Bool, aws:SourceIp IpAddress, ' +
      'aws:CurrentTime Date (Access Analyzer check TYPE_MISMATCH, a general warning). String and ARN keys take both String ' +
      'and ARN operators (see STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS); Null fits every key.',
    fix: 'Use an operator of the key type, e.g. "StringEquals": {"aws:SecureTransport": "true"} -> "Bool": {"aws:SecureTransport": "true"}.',
  },
  check(unit, { iam }) {
    return conditionHits(unit.view.statements, (c) => {
      const family = operatorFamily(c.baseOperator);
      if (family === undefined || family === 'Null') return undefined;
      const types = iam.conditionKeyTypes(c.key);
      if (types === undefined) return undefined;
      const accepted = acceptedFamilies(types, c.key);
      if (accepted.length === 0 || accepted.includes(family)) return undefined;
      return hit(
        `the condition key ${showValue(c.key)} of type ${types.join('/')} must be used with a ${[...new Set(accepted)].join(' or ')} operator, received ${showValue(c.operator)}`,
        c.path,
        `Condition::${c.key}`,
      );
    });
  },
};
