import { generateBundle, type PolicyBundle } from '../generate/bundle';
import type { PolicygenSpec } from '../model/policygen-spec.generated';
import { booleanArg, checkArgs, fieldsArg, objectArg, stringArg } from '../model/validate-args';
import { checkTemplate, type CheckOptions, type CheckReport, type RepositoryPolicyInput } from '../pull';
import { parseJsonSource } from '../template/source/json-source';
import { specCheckTemplate } from './spec-template';

/**
 * Checks what a spec generates: its CloudFormation template (`specCheckTemplate`) with the task the
 * spec describes, in the spec's Region and account. Throws PolicygenInputError for an invalid spec.
 * Here, above src/pull, because the spec's template is rendered by src/render.
 */
export function checkSpec(spec: PolicygenSpec, options: Pick<CheckOptions, 'internet'> = {}, file = 'spec'): CheckReport {
  checkArgs(objectArg(options, 'options'), fieldsArg(options, { internet: booleanArg }), stringArg(file, 'file'));
  const bundle = generateBundle(spec);
  const template = specCheckTemplate(spec, bundle);
  const source = parseJsonSource(file, JSON.stringify(template));
  const repositoryPolicies = specRepositoryPolicies(bundle);
  return checkTemplate(source, {
    region: spec.region,
    accountId: spec.account,
    ...(spec.allowUnlistedRegion === true ? { allowUnlistedRegion: true } : {}),
    ...(repositoryPolicies.length > 0 ? { repositoryPolicies } : {}),
    ...options,
  });
}

/**
 * The bundle's repository policy, once per repository of another account it is meant for: the spec's
 * template cannot hold it (it is set in the repository's account), so `check --spec` is given it.
 */
export function specRepositoryPolicies(bundle: PolicyBundle): readonly RepositoryPolicyInput[] {
  const policy = bundle.repositoryPolicy;
  if (policy === undefined) return [];
  return policy.repositories.map((repositoryArn) => ({ repositoryArn, document: policy.document, file: 'repositoryPolicy of the bundle' }));
}
