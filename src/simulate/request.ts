import { splitArn } from './arn';
import type { ContextEntry, PreparedRequest } from './prepared-request';
import type { ContextScalar, EvaluationRequest } from './types';

const ACCOUNT = /^\d{12}$/;
const text = (v: ContextScalar): string => (typeof v === 'string' ? v : String(v));

export function prepareRequest(request: EvaluationRequest): PreparedRequest {
  const context = new Map<string, ContextEntry>();
  for (const [key, value] of Object.entries(request.context ?? {})) {
    if (value === undefined) continue;
    const multi = Array.isArray(value);
    context.set(key.toLowerCase(), { values: multi ? (value as readonly ContextScalar[]).map(text) : [text(value as ContextScalar)], multi });
  }
  const { principal } = request;
  const principalParts = splitArn(principal.arn);
  const principalAccount = principal.account ?? (principalParts && ACCOUNT.test(principalParts[4]) ? principalParts[4] : undefined);
  const resourceArn = splitArn(request.resource);
  const arnAccount = resourceArn && ACCOUNT.test(resourceArn[4]) ? resourceArn[4] : undefined;
  return {
    principalArn: principal.arn,
    principalAccount,
    principalIsService: (principal.type ?? (principalParts ? 'AWS' : 'Service')) === 'Service',
    action: request.action.toLowerCase(),
    resource: request.resource,
    resourceArn,
    resourceAccount: request.resourceAccount ?? arnAccount,
    context,
    lookup: (key) => {
      const entry = context.get(key);
      return entry === undefined || entry.multi ? undefined : entry.values[0];
    },
  };
}
