/**
 * One error a precompiled schema validator (src/model/validators.generated.js) reports: the fields
 * of ajv's ErrorObject that policygen reads. ajv runs only at build time (scripts/generate-schemas.mjs
 * writes standalone code that needs nothing from it), so the package does not depend on it at run time.
 */
export interface SchemaError {
  /** The schema keyword that failed: `type`, `required`, `additionalProperties`, `false schema`, … */
  readonly keyword: string;
  /** JSON Pointer to the value that failed, `''` for the root. */
  readonly instancePath: string;
  /** JSON Pointer (as a URI fragment) to the failing keyword in the schema. */
  readonly schemaPath: string;
  /** The keyword's details, e.g. `{ missingProperty: 'Effect' }` for `required`. */
  readonly params: Readonly<Record<string, any>>;
  readonly message?: string;
}
