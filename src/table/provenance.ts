import { remember } from '../remember.js';
import type { RateTableDocument } from './schema.js';

/**
 * Where one figure of a table comes from: a source key, and a rule in words when the figure is derived.
 * @example
 * ```ts
 * import type { Figure } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const share: Figure = tiktok.document.creatorShare;
 * console.log(share.source); // live-success-2025
 * ```
 * @category Rate tables
 */
export interface Figure {
  readonly source?: string | undefined;
  readonly derived?: string | undefined;
}

/**
 * A source an answer relied on, as the table declares it.
 * @example
 * ```ts
 * import { sendGifts, type SourceRef } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const answer = sendGifts(tiktok, { gift: 'Rose', count: 1 });
 * const first: SourceRef | undefined = answer.ok ? answer.sources[0] : undefined;
 * console.log(first?.key); // gg-2024
 * ```
 * @category Rate tables
 */
export interface SourceRef {
  readonly key: string;
  readonly title: string;
  readonly url?: string;
  readonly published?: string;
  readonly retrieved?: string;
}

/**
 * How firmly an answer stands, by its weakest figure: `sourced` (every figure from a source), `derived`
 * (some figure derived from sourced ones by a stated rule) or `user-supplied` (some figure with no source:
 * a user's own table, or a rate passed with the question).
 * @example
 * ```ts
 * import { sendGifts, type Confidence } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const answer = sendGifts(tiktok, { gift: 'Rose', count: 1 });
 * const confidence: Confidence | undefined = answer.ok ? answer.confidence : undefined;
 * console.log(confidence); // derived
 * ```
 * @category Rate tables
 */
export type Confidence = 'sourced' | 'derived' | 'user-supplied';

/**
 * The sources behind an answer and its weakest confidence, so a page can show "figures as publicly reported on …".
 * @example
 * ```ts
 * import { type Provenance, quoteCoins } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const quote = quoteCoins(tiktok, { coins: 70, channel: 'ios', region: 'US' });
 * const provenance: Provenance | undefined = quote.ok ? quote : undefined;
 * console.log(provenance?.sources.map((source) => source.key), provenance?.confidence); // [ 'tiktok-gifts-hr', 'backtofront' ] sourced
 * ```
 * @category Rate tables
 */
export interface Provenance {
  readonly sources: readonly SourceRef[];
  readonly confidence: Confidence;
}

const RANK: Record<Confidence, number> = { sourced: 0, derived: 1, 'user-supplied': 2 };

/** @internal The provenance of some figures of a document (the table memoises it). */
export function provenanceOf(document: RateTableDocument, figures: readonly (Figure | undefined)[], floor: Confidence): Provenance {
  const keys: string[] = [];
  let confidence: Confidence = floor;
  for (const figure of figures) {
    if (figure === undefined) continue;
    const own: Confidence = figure.source === undefined ? 'user-supplied' : figure.derived === undefined ? 'sourced' : 'derived';
    if (RANK[own] > RANK[confidence]) confidence = own;
    if (figure.source !== undefined && !keys.includes(figure.source)) keys.push(figure.source);
  }
  const sources = keys.map((key) => {
    const found = document.sources.find((source) => source.key === key);
    return Object.freeze((found ? { ...found } : { key, title: key }) as SourceRef);
  });
  return Object.freeze({ sources: Object.freeze(sources), confidence });
}

/** @internal A memo key for a list of figures. */
export function figuresKey(figures: readonly (Figure | undefined)[], floor: Confidence): string {
  let key: string = floor;
  for (const figure of figures) key += figure === undefined ? ';' : `;${figure.source ?? ''}${figure.derived === undefined ? '' : '*'}`;
  return key;
}

/** @internal The weaker of some confidences. */
export function weakest(...confidences: (Confidence | undefined)[]): Confidence {
  let found: Confidence = 'sourced';
  for (const confidence of confidences) if (confidence !== undefined && RANK[confidence] > RANK[found]) found = confidence;
  return found;
}

const sourceFigures = new Map<string, Figure>();
/** One shared figure per source key, so joining answers allocates nothing per source. */
function figureOf(key: string): Figure {
  let figure = sourceFigures.get(key);
  if (figure === undefined) {
    figure = Object.freeze({ source: key });
    if (sourceFigures.size < 4096) sourceFigures.set(key, figure);
  }
  return figure;
}

/** @internal The provenance of an answer built from other answers (and perhaps some figures of its own). */
export function joinProvenance(
  table: { provenance(figures: readonly (Figure | undefined)[], floor?: Confidence): Provenance },
  parts: readonly Provenance[],
  figures: readonly (Figure | undefined)[] = [],
  floor: Confidence = 'sourced',
): Provenance {
  const all: Figure[] = [];
  let confidence = floor;
  for (const part of parts) {
    for (const source of part.sources) all.push(figureOf(source.key));
    confidence = weakest(confidence, part.confidence);
  }
  for (const figure of figures) if (figure !== undefined) all.push(figure);
  return table.provenance(all, confidence);
}

type Remembered = Map<string | number | object, Provenance | Remembered>;
const REMEMBERED = new WeakMap<object, Remembered>();

/**
 * @internal The provenance of an answer, made once per owner (a table, or the region answer it depends on) and
 * keys (what else it depends on: a gift, a channel, an offer set and the kinds of line of a plan), then
 * remembered: answers to the same kind of question share it. Each level keeps at most 1,024 entries.
 */
export function rememberProvenance(owner: object, keys: readonly (string | number | object)[], make: () => Provenance): Provenance {
  let known = remember(REMEMBERED, owner, (): Remembered => new Map());
  const last = keys.length - 1;
  for (let index = 0; index < last; index++) {
    let next = known.get(keys[index] as string | number | object) as Remembered | undefined;
    if (next === undefined) {
      next = new Map();
      if (known.size < 1024) known.set(keys[index] as string | number | object, next);
    }
    known = next;
  }
  let provenance = known.get(keys[last] as string | number | object) as Provenance | undefined;
  if (provenance === undefined) {
    provenance = make();
    if (known.size < 1024) known.set(keys[last] as string | number | object, provenance);
  }
  return provenance;
}
