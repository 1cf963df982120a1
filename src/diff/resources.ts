import type { IamCatalog } from '../catalog/types';
import type { UniverseAction } from './actions';
import type { FreshValues } from './fresh';
import { freshResource, resourceInstance, resourceWitness } from './patterns';
import type { DiffStatement } from './statements';

/**
 * The resources an action is tried on. For an action iam-data knows, only resources of the types it
 * takes (a request for ecr:PutImage always names a repository): for each ARN format of those types,
 * one resource no document names, and for each Resource/NotResource pattern of the statements that
 * cover the action, a resource of that format the pattern covers; again in each account an
 * aws:ResourceAccount condition names (the key follows the ARN). An action that takes no resource
 * (ecr:GetAuthorizationToken) is tried on `*` only. An action iam-data does not know is tried on
 * `*` and on an instance of each pattern.
 *
 * One instance per comparison: many actions share their formats and statements (every s3 action
 * under `s3:*`), so answers are kept.
 */
export class ResourceCandidates {
  private readonly lists = new Map<string, string[]>();
  private readonly witnesses = new Map<string, string | undefined>();

  /**
   * @param accounts accounts that aws:ResourceAccount conditions name: a resource type with an
   * account in its ARN gets a fresh resource in each of them too (the key follows the ARN).
   */
  constructor(
    private readonly iam: IamCatalog,
    private readonly fresh: FreshValues,
    private readonly accounts: readonly string[],
  ) {}

  for(action: UniverseAction, statements: readonly DiffStatement[]): readonly string[] {
    const types = action.known ? this.iam.actionResourceTypes(action.service, action.action) : undefined;
    const formats = types === undefined ? undefined : [...new Set(types.flatMap((t) => this.iam.resourceArnFormats(action.service, t.name)))].sort();
    const patterns = new Map<string, { readonly pattern: string; readonly variables: boolean }>();
    for (const s of statements) {
      for (const pattern of s.resources?.patterns ?? []) if (pattern !== '*') patterns.set(`${s.variables}:${pattern}`, { pattern, variables: s.variables });
    }
    const id = JSON.stringify([formats ?? null, [...patterns.keys()].sort()]);
    let list = this.lists.get(id);
    if (list === undefined) this.lists.set(id, (list = this.build(formats, [...patterns.values()])));
    return list;
  }

  private build(formats: readonly string[] | undefined, patterns: readonly { readonly pattern: string; readonly variables: boolean }[]): string[] {
    const out = new Set<string>();
    if (formats === undefined || formats.length === 0) {
      out.add('*');
      if (formats === undefined) {
        for (const { pattern, variables } of patterns) {
          const instance = resourceInstance(pattern, variables, this.fresh);
          if (instance !== undefined) out.add(instance);
        }
      }
    } else {
      for (const format of formats) {
        // A fresh account, and each account aws:ResourceAccount names where the format has one.
        const accounts = format.includes('${Account}') ? [this.fresh.account, ...this.accounts] : [this.fresh.account];
        for (const account of accounts) {
          const fresh = { ...this.fresh, account };
          out.add(freshResource(format, fresh));
          for (const { pattern, variables } of patterns) {
            const id = `${variables}\u0000${pattern}\u0000${format}\u0000${account}`;
            if (!this.witnesses.has(id)) this.witnesses.set(id, resourceWitness(pattern, variables, format, fresh));
            const witness = this.witnesses.get(id);
            if (witness !== undefined) out.add(witness);
          }
        }
      }
    }
    return [...out].sort();
  }
}
