import { z } from 'zod';
import { rateTableSchemas } from './schema.js';

/**
 * The rate table schema as JSON Schema (draft 2020-12), for users outside TypeScript. The same document is
 * committed as `docs/schema/rate-table.schema.json`.
 *
 * @example
 * ```ts
 * import { rateTableJsonSchema } from 'gift-economy';
 * console.log(rateTableJsonSchema().type); // object
 * ```
 * @category Rate tables
 */
export function rateTableJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(rateTableSchemas().rateTable, { io: 'input' }) as Record<string, unknown>;
}
