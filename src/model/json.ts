/** Reading parsed JSON (and YAML) whose shape is not known yet: input files, documents from users. */

/** A JSON object: not null, not an array. */
export const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * An own property of an object, or undefined (also when `value` is not an object): keys come from
 * input files, so `constructor` or `__proto__` must never read the prototype.
 */
export const own = (value: unknown, key: string): unknown => (isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined);
