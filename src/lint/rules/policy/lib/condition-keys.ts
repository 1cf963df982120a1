import type { IamCatalog } from '../../../types';
import { memoizePerCatalog } from './catalog-memo';

/** How a condition key name relates to the catalog, for the rules that report unknown keys. */
export type KeyStatus =
  | { readonly kind: 'known' }
  /** No `prefix:name` shape. */
  | { readonly kind: 'malformed' }
  /** `aws:` key the catalog does not know. */
  | { readonly kind: 'unknown-global' }
  /** Known service prefix, unknown key. */
  | { readonly kind: 'unknown-service-key'; readonly service: string }
  /** Prefix that is no service. */
  | { readonly kind: 'unknown-service'; readonly service: string }
  /** A tag key without its tag name: `aws:ResourceTag`, `aws:RequestTag/` (MISSING_TAG_KEY_IN_CONDITION reports it). */
  | { readonly kind: 'missing-tag-key' }
  /** Keys of an identity provider (`accounts.google.com:aud`, `oidc.eks.….amazonaws.com/id/…:sub`): any provider may define them. */
  | { readonly kind: 'provider' };

// Prefixes of web identity and SAML keys that are no service prefix (IAM User Guide, "Available keys for
// AWS web identity federation" and "…SAML-based AWS STS federation").
const PROVIDER_PREFIXES = new Set(['saml', 'cognito-identity-auth', 'cognito-identity-unauth']);

/** How a condition key name relates to the catalog. Three rules ask about the same keys: one answer per catalog and key text. */
export const keyStatus = memoizePerCatalog(classify);

// Tag keys take the tag name after a slash (IAM User Guide, "Controlling access using tags"): `aws:ResourceTag/team`.
const TAG_KEY_WITHOUT_NAME = /^[^:]+:(?:ResourceTag|RequestTag|PrincipalTag)\/?$/i;

function classify(iam: IamCatalog, key: string): KeyStatus {
  const colon = key.indexOf(':');
  if (colon <= 0 || colon === key.length - 1) return { kind: 'malformed' };
  if (TAG_KEY_WITHOUT_NAME.test(key)) return { kind: 'missing-tag-key' };
  if (iam.conditionKeyExists(key)) return { kind: 'known' };
  const prefix = key.slice(0, colon).toLowerCase();
  if (prefix === 'aws') return { kind: 'unknown-global' };
  if (prefix.includes('.') || prefix.includes('/') || PROVIDER_PREFIXES.has(prefix)) return { kind: 'provider' };
  return iam.serviceExists(prefix) ? { kind: 'unknown-service-key', service: prefix } : { kind: 'unknown-service', service: prefix };
}
