/** policygen's JSON output: 2-space indent and a trailing newline, keys in the order the model built them. */
export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
