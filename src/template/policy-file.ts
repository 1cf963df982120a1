import { viewPolicy } from './policy-view';
import type { PolicyType, PolicyUnit, ResourceType, SourceFile } from './types';

/**
 * A policy document file is one unit: the whole file. Its text is what IAM would receive (as with
 * `aws iam create-policy --policy-document file://…`), so size rules measure the file itself.
 */
export function readPolicyFile(source: SourceFile, policyType: PolicyType, resourceType?: ResourceType): PolicyUnit[] {
  const typed = resourceType === undefined ? {} : { resourceType };
  return [{ source, document: source.data, view: viewPolicy(source.data), path: [], policyType, ...typed, text: source.text }];
}
