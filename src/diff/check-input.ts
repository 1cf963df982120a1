import { PolicygenInputError, type InputIssue } from '../model/errors';
import { validatePolicyDocument } from '../model/validate-policy';
import type { WirePolicy } from '../normalize/canonicalize';
import { compilePolicy } from '../simulate';
import { statementsOf } from './statements';
import type { DiffPolicyType } from './types';

/** A place in a document: keys, and numbers for array indices (the shape `SourceFile.locate` takes). */
export type DocumentPath = readonly (string | number)[];

/** Why a document cannot be compared, with where in it. */
export interface PolicyProblem extends InputIssue {
  readonly path: DocumentPath;
}

const SCHEMA_MESSAGE = /^(.*?) must (.*), received (.*)$/s;
const SCHEMA_RULE = /^(.*?) must (.*)$/s;

/** A schema message (`Statement[0].Effect must be …, received "Alow"`) in the parts of an InputIssue. */
function schemaIssue(path: DocumentPath, message: string): PolicyProblem {
  const m = SCHEMA_MESSAGE.exec(message);
  if (m) return { path, field: m[1]!, expected: m[2]!, received: m[3]! };
  // `Statement must be present`, `["x"] must not be present (…)`: no received part.
  const rule = SCHEMA_RULE.exec(message);
  if (rule) return { path, field: rule[1]!, expected: rule[2]!, received: rule[2]!.startsWith('not ') ? 'one' : 'nothing' };
  return { path, field: 'the policy document', expected: 'follow the IAM policy grammar', received: message };
}

/** `Statement[0].Condition["StringEquals"]` -> ['Statement', 0, 'Condition', 'StringEquals'] */
function fieldToPath(field: string): DocumentPath {
  const path: (string | number)[] = [];
  for (const m of field.matchAll(/\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([^.[\]]+)/g)) {
    if (m[1] !== undefined) path.push(Number(m[1]));
    else if (m[2] !== undefined) path.push(JSON.parse(m[2]) as string);
    else if (m[3] !== undefined) path.push(m[3]);
  }
  return path;
}

const hasPrincipal = (s: Readonly<Record<string, unknown>>): boolean => s.Principal !== undefined || s.NotPrincipal !== undefined;

/** Whether a schema-valid document names principals (a resource or endpoint policy) or not (an identity policy). */
const namesPrincipals = (document: WirePolicy): boolean => statementsOf(document).some(hasPrincipal);

/**
 * Problems that stop a comparison: the JSON grammar of an IAM policy (schemas/iam-policy.schema.json),
 * what the evaluator rejects, and a Principal where the policy type forbids one or a missing one
 * where it needs one (IAM rejects both). Empty for a document that can be compared.
 */
function policyProblems(document: unknown, policyType: DiffPolicyType | undefined): PolicyProblem[] {
  const schema = validatePolicyDocument(document);
  if (schema.length > 0) {
    return schema.map((issue) => schemaIssue(issue.path, issue.message));
  }
  const doc = document as WirePolicy;
  const problems: PolicyProblem[] = [];
  const single = !Array.isArray(doc.Statement);
  statementsOf(doc).forEach((s, i) => {
    const at: DocumentPath = single ? ['Statement'] : ['Statement', i];
    const name = single ? 'Statement' : `Statement[${i}]`;
    if (policyType === undefined) return;
    if (policyType === 'identity' && hasPrincipal(s)) {
      const key = s.Principal !== undefined ? 'Principal' : 'NotPrincipal';
      problems.push({
        path: [...at, key],
        field: `${name}.${key}`,
        received: 'one',
        expected: 'be left out of an identity policy',
        hint: 'compare resource or endpoint policies with --policy-type resource, vpc-endpoint-interface or vpc-endpoint-gateway',
      });
    } else if (policyType !== 'identity' && !hasPrincipal(s)) {
      problems.push({ path: at, field: name, received: 'none', expected: `have a Principal in a ${policyType} policy`, hint: 'IAM rejects the statement' });
    }
  });
  if (problems.length > 0) return problems;
  try {
    compilePolicy(doc);
  } catch (error) {
    if (!(error instanceof PolicygenInputError)) throw error;
    return error.issues.map((issue) => ({ ...issue, path: fieldToPath(issue.field) }));
  }
  return [];
}

/** The policy type both documents read as, or undefined when one names principals and the other does not. */
function detectPolicyType(documents: readonly WirePolicy[]): DiffPolicyType | undefined {
  const kinds = new Set(documents.map(namesPrincipals));
  return kinds.size > 1 ? undefined : kinds.has(true) ? 'resource' : 'identity';
}

/** A problem of the comparison: in one document, or (`side` undefined) of the pair. */
export interface ComparisonProblem {
  readonly side: 'old' | 'new' | undefined;
  readonly problem: PolicyProblem;
}

/**
 * Checks both documents and settles the policy type: the one given, else `resource` when they name
 * principals and `identity` when they do not. Returns every problem found, or the type.
 */
export function checkComparison(
  oldPolicy: unknown,
  newPolicy: unknown,
  policyType: DiffPolicyType | undefined,
): { readonly policyType: DiffPolicyType } | { readonly problems: readonly ComparisonProblem[] } {
  const check = (type: DiffPolicyType | undefined): ComparisonProblem[] => [
    ...policyProblems(oldPolicy, type).map((problem) => ({ side: 'old' as const, problem })),
    ...policyProblems(newPolicy, type).map((problem) => ({ side: 'new' as const, problem })),
  ];
  const grammar = check(policyType);
  if (grammar.length > 0) return { problems: grammar };
  const type = policyType ?? detectPolicyType([oldPolicy as WirePolicy, newPolicy as WirePolicy]);
  if (type === undefined) {
    const which = namesPrincipals(oldPolicy as WirePolicy) ? 'OLD names principals and NEW does not' : 'NEW names principals and OLD does not';
    return {
      problems: [
        {
          side: undefined,
          problem: {
            path: [],
            field: 'policyType',
            received: 'nothing',
            expected: `be given when one document names principals and the other does not (${which})`,
          },
        },
      ],
    };
  }
  const principals = policyType === undefined ? check(type) : [];
  return principals.length > 0 ? { problems: principals } : { policyType: type };
}
