import { viewPolicy } from './policy-view';
import { checkArgs, oneOfArg } from '../model/validate-args';
import { sourceArg } from './shape';
import { POLICY_TYPES, type PolicyType, type PolicyUnit, type ResourceType, type SourceFile } from './types';

/**
 * A policy document file is one unit: the whole file. Its text is what IAM would receive (as with
 * `aws iam create-policy --policy-document file://…`), so size rules measure the file itself.
 */
export function readPolicyFile(source: SourceFile, policyType: PolicyType, resourceType?: ResourceType): PolicyUnit[] {
  checkArgs(sourceArg(source), oneOfArg(policyType, 'policyType', POLICY_TYPES));
  const typed = resourceType === undefined ? {} : { resourceType };
  return [{ source, document: source.data, view: viewPolicy(source.data), path: [], policyType, ...typed, text: source.text }];
}
