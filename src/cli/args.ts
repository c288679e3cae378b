/** Parsed command line: the subcommand, positional arguments and `--name value` options. */
export interface Parsed {
  readonly command: string | undefined;
  readonly positional: readonly string[];
  readonly options: ReadonlyMap<string, string | true>;
}

/** A mistake in how the command was called; printed as one line, exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** What a command accepts: its positional arguments (by name) and options beyond the common ones. */
export interface CommandSpec {
  readonly positional: readonly string[];
  readonly options: readonly string[];
}

/** Options every command takes. */
export const COMMON_OPTIONS: readonly string[] = ['preset', 'table', 'region', 'locale', 'at', 'json', 'help'];
const FLAGS = new Set(['json', 'help', 'version', 'explain', 'csv', 'currency-fallback', 'net']);

/**
 * Splits argv into a subcommand, positionals and options (`--name value`, `--name=value`, boolean flags), then
 * checks them strictly against the command's spec: an unknown or misspelled option, a missing value or an extra
 * argument is a {@link UsageError} ("did you mean --count?").
 */
export function parseArgs(argv: readonly string[], specs: Readonly<Record<string, CommandSpec>>): Parsed {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '-h') options.set('help', true);
    else if (arg === '-v') options.set('version', true);
    else if (arg === '--') positional.push(...argv.slice(i + 1));
    else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (!/^[a-z][a-z-]*$/.test(name)) throw new UsageError(`unknown option ${arg}`);
      if (options.has(name)) throw new UsageError(`--${name} is given twice`);
      if (FLAGS.has(name)) {
        if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
        options.set(name, true);
      } else {
        const value = inline ?? argv[++i];
        if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
        options.set(name, value);
      }
    } else if (arg.startsWith('-') && arg.length > 1 && !/^-\d/.test(arg)) {
      throw new UsageError(`unknown option ${arg}`);
    } else positional.push(arg);
    if (positional.length === 0 && options.has('version')) break;
  }
  if (options.has('version')) return { command: undefined, positional: [], options };
  const [command, ...rest] = positional;
  const spec = command === undefined || command === 'help' ? undefined : Object.hasOwn(specs, command) ? specs[command] : undefined;
  if (command !== undefined && command !== 'help' && spec === undefined) {
    const hint = suggestion(command, Object.keys(specs));
    throw new UsageError(
      `unknown command "${command}"${hint ? `; did you mean ${hint}?` : `; commands are ${Object.keys(specs).join(', ')}`}`,
    );
  }
  if (spec && !options.has('help')) {
    const allowed = [...COMMON_OPTIONS, ...spec.options];
    for (const name of options.keys()) {
      if (allowed.includes(name)) continue;
      const hint = suggestion(name, allowed);
      throw new UsageError(
        `${command} has no option --${name}${hint ? `; did you mean --${hint}?` : ''} (options: ${allowed.map((o) => `--${o}`).join(' ')})`,
      );
    }
    if (rest.length > spec.positional.length) {
      const extra = rest[spec.positional.length] as string;
      throw new UsageError(
        `unexpected argument "${extra}": ${command} takes ${spec.positional.length === 0 ? 'no arguments' : spec.positional.join(' ')}`,
      );
    }
  }
  return { command, positional: rest, options };
}

/** The closest candidate within two edits, if any. */
function suggestion(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance with adjacent transpositions (so "cuont" is one edit from "count"). */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (d[(i - 1) * cols + j] as number) + 1,
        (d[i * cols + j - 1] as number) + 1,
        (d[(i - 1) * cols + j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, (d[(i - 2) * cols + j - 2] as number) + 1);
      d[i * cols + j] = value;
    }
  }
  return d[rows * cols - 1] as number;
}
