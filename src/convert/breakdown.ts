import type { NotKnown } from '../availability/check.js';
import type { RoundingMode } from '../money/rounding.js';

/**
 * One step of a calculation, as a person reads it: what went in, the rule applied, the rate and the table
 * it came from, how it rounded, what came out, and what the rounding left over.
 *
 * @example
 * ```ts
 * import { sendGifts } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const answer = sendGifts(tiktok, { gift: 'Lion', count: 1 });
 * if (answer.ok) console.log(answer.breakdown.map((step) => step.step)); // [ 'gift-cost', 'creator-share', 'diamond-value' ]
 * ```
 */
export interface BreakdownStep {
  /** A stable name for the step, e.g. `creator-share`. */
  readonly step: string;
  readonly input: string;
  readonly rule: string;
  /** The rate applied, as a decimal string. */
  readonly rate?: string;
  /** The rate table the rate came from, as `id@version`. */
  readonly table: string;
  readonly rounding?: RoundingMode;
  readonly output: string;
  /** What the rounding left over (exact output minus rounded output), when it left anything. */
  readonly residue?: string;
}

/**
 * The ordered steps behind a result.
 * @example
 * ```ts
 * import { type Breakdown, sendGifts } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const answer = sendGifts(tiktok, { gift: 'Rose' });
 * const steps: Breakdown = answer.ok ? answer.breakdown : [];
 * console.log(steps.every((s) => s.table === tiktok.ref)); // true
 * ```
 */
export type Breakdown = readonly BreakdownStep[];

/** The parts of a step, where optional parts may be given as `undefined`. */
type StepParts = { readonly [K in keyof BreakdownStep]: BreakdownStep[K] | (undefined extends BreakdownStep[K] ? undefined : never) };

/** Freezes a step, dropping absent optional parts. */
export function step(parts: StepParts): BreakdownStep {
  const clean: Record<string, unknown> = {};
  for (const key in parts) {
    const value = parts[key as keyof StepParts];
    if (value !== undefined) clean[key] = value;
  }
  return Object.freeze(clean) as unknown as BreakdownStep;
}

/** @internal The breakdown step that says an answer's region is not known to the table. */
export function regionNotKnownStep(table: { readonly ref: string }, region: string, notKnown: NotKnown): BreakdownStep {
  return step({
    step: 'region-not-known',
    input: region,
    rule: `${notKnown.reason}; judged by the default rules (sources: ${notKnown.sources.map((source) => source.key).join(', ') || 'none'})`,
    table: table.ref,
    output: "the default region's rules",
  });
}
