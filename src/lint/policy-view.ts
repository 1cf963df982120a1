import type { ConditionView, JsonPath, PolicyView, StatementView, ValueAt } from './types';

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A string or list field as values with paths; numbers and booleans as text; anything else skipped. */
function valuesAt(value: unknown, path: JsonPath): ValueAt[] {
  const scalar = (v: unknown, p: JsonPath): ValueAt[] =>
    typeof v === 'string' ? [{ value: v, path: p }] : typeof v === 'number' || typeof v === 'boolean' ? [{ value: String(v), path: p }] : [];
  return Array.isArray(value) ? value.flatMap((v, i) => scalar(v, [...path, i])) : scalar(value, path);
}

function principalValues(principal: unknown, path: JsonPath): (ValueAt & { type: string })[] {
  if (principal === '*') return [{ value: '*', path, type: '*' }];
  if (!isRecord(principal)) return [];
  return Object.entries(principal).flatMap(([type, v]) => valuesAt(v, [...path, type]).map((x) => ({ ...x, type })));
}

const OPERATOR = /^(?:(ForAnyValue|ForAllValues):)?(.*?)(IfExists)?$/;

function conditions(condition: unknown, path: JsonPath): ConditionView[] {
  if (!isRecord(condition)) return [];
  return Object.entries(condition).flatMap(([operator, block]) => {
    if (!isRecord(block)) return [];
    const [, set, base = operator, ifExists] = OPERATOR.exec(operator) ?? [];
    return Object.entries(block).map(([key, values]) => ({
      operator,
      baseOperator: base,
      ...(set ? { setOperator: set as 'ForAnyValue' | 'ForAllValues' } : {}),
      ifExists: ifExists !== undefined,
      key,
      values: valuesAt(values, [...path, operator, key]),
      path: [...path, operator, key],
    }));
  });
}

function statementView(raw: Record<string, unknown>, index: number, path: JsonPath): StatementView {
  const field = (name: string) => (raw[name] === undefined ? undefined : valuesAt(raw[name], [...path, name]));
  const effect = raw['Effect'] === 'Allow' || raw['Effect'] === 'Deny' ? raw['Effect'] : undefined;
  return {
    index,
    path,
    raw,
    ...(typeof raw['Sid'] === 'string' ? { sid: raw['Sid'] } : {}),
    ...(effect ? { effect } : {}),
    ...(raw['Action'] !== undefined ? { actions: field('Action') } : {}),
    ...(raw['NotAction'] !== undefined ? { notActions: field('NotAction') } : {}),
    ...(raw['Resource'] !== undefined ? { resources: field('Resource') } : {}),
    ...(raw['NotResource'] !== undefined ? { notResources: field('NotResource') } : {}),
    ...(raw['Principal'] !== undefined ? { principal: raw['Principal'] } : {}),
    ...(raw['NotPrincipal'] !== undefined ? { notPrincipal: raw['NotPrincipal'] } : {}),
    principalValues: [
      ...principalValues(raw['Principal'], [...path, 'Principal']),
      ...principalValues(raw['NotPrincipal'], [...path, 'NotPrincipal']),
    ],
    conditions: conditions(raw['Condition'], [...path, 'Condition']),
  } as StatementView;
}

/** The rules' view of a policy document; tolerant of malformed documents (the grammar rule reports those). */
export function viewPolicy(document: unknown): PolicyView {
  if (!isRecord(document)) return { statements: [] };
  const statement = document['Statement'];
  const statements = Array.isArray(statement)
    ? statement.flatMap((s, i) => (isRecord(s) ? [statementView(s, i, ['Statement', i])] : []))
    : isRecord(statement)
      ? [statementView(statement, 0, ['Statement'])]
      : [];
  return { version: document['Version'], statements };
}
