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

const FLAGS = new Set(['json', 'help']);

/** Splits argv into a subcommand, positionals and options (`--name value`, `--name=value`, boolean flags). */
export function parseArgs(argv: readonly string[]): Parsed {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '-h') {
      options.set('help', true);
    } else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (!/^[a-z][a-z-]*$/.test(name)) throw new UsageError(`unknown option ${arg}`);
      if (FLAGS.has(name)) options.set(name, true);
      else {
        const value = inline ?? argv[++i];
        if (value === undefined) throw new UsageError(`--${name} needs a value`);
        options.set(name, value);
      }
    } else {
      positional.push(arg);
    }
  }
  const [command, ...rest] = positional;
  return { command, positional: rest, options };
}
