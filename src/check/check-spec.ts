import { generateBundle, type PolicyBundle } from '../generate/bundle';
import type { PolicygenSpec } from '../model/policygen-spec.generated';
import { booleanArg, checkArgs, fieldsArg, objectArg, stringArg } from '../model/validate-args';
import { checkTemplate, type CheckOptions, type CheckReport, type RepositoryPolicyInput } from '../pull';
import { parseJsonSource } from '../template/source/json-source';
import { specCheckTemplate } from './spec-template';
import { conditionPullOnTemplateEndpoint, endpointLogicalId } from '../generate/cloudformation-template';

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
  const repositoryPolicies = specRepositoryPolicies(spec, bundle);
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
 * Where it names the spec's endpoint IDs (`aws:SourceVpce`) and VPC, the endpoint and VPC the
 * template creates stand for them, as in the template's own role policy (conditionPullOnTemplateEndpoint);
 * with `existingEndpoints` the template creates none and the IDs stay as written. Its principal
 * `executionRoleArn` (`containerInstance.roleArn`) stays a literal ARN: the template creates the role
 * under that name and path (namedRoleProperties), so check finds it by ARN, as it would once deployed.
 */
export function specRepositoryPolicies(spec: PolicygenSpec, bundle: PolicyBundle = generateBundle(spec)): readonly RepositoryPolicyInput[] {
  const policy = bundle.repositoryPolicy;
  if (policy === undefined) return [];
  const document =
    spec.existingEndpoints === undefined
      ? conditionPullOnTemplateEndpoint(
          policy.document,
          { sourceVpc: { Ref: 'VpcId' }, sourceVpce: { Ref: endpointLogicalId('ecr.dkr') } },
          { onlyPresent: true },
        )
      : policy.document;
  return policy.repositories.map((repositoryArn) => ({ repositoryArn, document, file: 'repositoryPolicy of the bundle' }));
}
