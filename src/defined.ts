/** The object's own fields that are not `undefined`, typed as optional (for `exactOptionalPropertyTypes`). */
export type Defined<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/**
 * Copies an object without its `undefined` fields, so optional arguments pass through unchanged:
 * `check(table, { region, feature, ...defined({ age, at }) })`.
 */
export function defined<T extends object>(fields: T): Defined<T> {
  const result: Record<string, unknown> = {};
  for (const key in fields) if (Object.hasOwn(fields, key) && fields[key] !== undefined) result[key] = fields[key];
  return result as Defined<T>;
}
