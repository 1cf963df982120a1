import { viewPolicy } from './policy-view';
import type { PolicyType, PolicyUnit, SourceFile } from './types';

/**
 * A policy document file is one unit: the whole file. Its text is what IAM would receive (as with
 * `aws iam create-policy --policy-document file://…`), so size rules measure the file itself.
 */
export function readPolicyFile(source: SourceFile, policyType: PolicyType): PolicyUnit[] {
  return [{ source, document: source.data, view: viewPolicy(source.data), path: [], policyType, text: source.text }];
}
