/**
 * OpenID Connect identity providers as a role trust policy names them in Principal.Federated, for the
 * trust policy checks of Access Analyzer (IAM User Guide, "IAM policy validation check reference",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
 */
import type { StatementView, ValueAt } from '../../../types';

/**
 * GitHub Actions' OIDC provider; its condition keys are `token.actions.githubusercontent.com:sub`, `:aud` …
 * (IAM User Guide, "Create a role for OpenID Connect federation", GitHub OIDC identity provider).
 */
export const GITHUB_OIDC_PROVIDER = 'token.actions.githubusercontent.com';

/**
 * The web identity providers a trust policy names by domain, whose condition keys start with that
 * domain (IAM User Guide, "AWS JSON policy elements: Principal", web identity session principals;
 * "Available keys for AWS web identity federation").
 */
const WEB_IDENTITY_DOMAINS = new Set(['accounts.google.com', 'graph.facebook.com', 'www.amazon.com', 'cognito-identity.amazonaws.com']);

const OIDC_PROVIDER_ARN = /^arn:[a-z-]+:iam::[^:]*:oidc-provider\/(.+)$/;

/**
 * The provider of a Federated principal when it is an OIDC provider: the URL without https:// as it
 * prefixes the provider's condition keys (`oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE`); undefined for
 * SAML providers and anything else.
 */
function oidcProviderOf(federated: string): string | undefined {
  const arn = OIDC_PROVIDER_ARN.exec(federated);
  if (arn !== null) return arn[1];
  return WEB_IDENTITY_DOMAINS.has(federated.toLowerCase()) ? federated : undefined;
}

const SAML_PROVIDER_ARN = /^arn:[a-z-]+:iam::[^:]*:saml-provider\/./;

/**
 * What a Federated principal is: a SAML provider (for sts:AssumeRoleWithSAML) or an OIDC provider (for
 * sts:AssumeRoleWithWebIdentity) (IAM User Guide, "AWS JSON policy elements: Principal", federated
 * principals); undefined for anything else.
 */
export function federatedKindOf(federated: string): 'saml' | 'oidc' | undefined {
  if (SAML_PROVIDER_ARN.test(federated)) return 'saml';
  return oidcProviderOf(federated) === undefined ? undefined : 'oidc';
}

/** The Federated principals of an Allow statement that are OIDC providers, with their provider. */
export function oidcPrincipals(s: StatementView): readonly (ValueAt & { readonly provider: string })[] {
  if (s.effect !== 'Allow') return [];
  const found: (ValueAt & { readonly provider: string })[] = [];
  for (const p of s.principalValues) {
    const provider = p.type === 'Federated' ? oidcProviderOf(p.value) : undefined;
    if (provider !== undefined) found.push({ value: p.value, path: p.path, provider });
  }
  return found;
}

/** The conditions of a statement on a key of the provider (`provider:sub`, `provider:aud` …; case-insensitive). */
export const providerConditions = (s: StatementView, provider: string) => {
  const prefix = `${provider.toLowerCase()}:`;
  return s.conditions.filter((c) => c.key.toLowerCase().startsWith(prefix));
};
