import { generateBundle } from '../generate/bundle';
import type { PolicygenSpec } from '../model/policygen-spec.generated';
import { booleanArg, checkArgs, fieldsArg, objectArg, stringArg } from '../model/validate-args';
import { checkTemplate, type CheckOptions, type CheckReport } from '../pull';
import { parseJsonSource } from '../template/source/json-source';
import { specCheckTemplate } from './spec-template';

/**
 * Checks what a spec generates: its CloudFormation template (`specCheckTemplate`) with the task the
 * spec describes, in the spec's Region and account. Throws PolicygenInputError for an invalid spec.
 * Here, above src/pull, because the spec's template is rendered by src/render.
 */
export function checkSpec(spec: PolicygenSpec, options: Pick<CheckOptions, 'internet'> = {}, file = 'spec'): CheckReport {
  checkArgs(objectArg(options, 'options'), fieldsArg(options, { internet: booleanArg }), stringArg(file, 'file'));
  const template = specCheckTemplate(spec, generateBundle(spec));
  const source = parseJsonSource(file, JSON.stringify(template));
  return checkTemplate(source, {
    region: spec.region,
    accountId: spec.account,
    ...(spec.allowUnlistedRegion === true ? { allowUnlistedRegion: true } : {}),
    ...options,
  });
}
