import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { format } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';

// Every `@example` in the TSDoc of src/, and every ```ts block of the README and docs/, is run here, so no
// example can rot. A `console.log(...)` followed by
// a `// text` comment must print that text (or the text before an explanation in parentheses or after a colon).

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'test-output', 'examples');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

interface Example {
  readonly file: string;
  readonly index: number;
  readonly code: string;
  readonly expected: string[];
}

function examples(): Example[] {
  const found: Example[] = [];
  for (const file of sourceFiles(join(root, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const blocks = text.matchAll(/@example\s*\n\s*\*\s*```ts\n([\s\S]*?)\n\s*\*\s*```/g);
    let index = 0;
    for (const block of blocks) {
      const code = (block[1] as string)
        .split('\n')
        .map((line) => line.replace(/^\s*\* ?/, ''))
        .join('\n');
      const expected = [...code.matchAll(/console\.log\(.*\)[;,)]*\s*\/\/ (.*)$/gm)].map((match) => match[1] as string);
      found.push({ file: relative(root, file), index: index++, code, expected });
    }
  }
  // ```ts blocks of the README and the guides run too
  for (const file of [
    join(root, 'README.md'),
    ...readdirSync(join(root, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => join(root, 'docs', name)),
  ]) {
    const text = readFileSync(file, 'utf8');
    let index = 0;
    for (const block of text.matchAll(/```ts\n([\s\S]*?)\n```/g)) {
      const code = block[1] as string;
      const expected = [...code.matchAll(/console\.log\(.*\)[;,)]*\s*\/\/ (.*)$/gm)].map((match) => match[1] as string);
      found.push({ file: relative(root, file), index: index++, code, expected });
    }
  }
  return found;
}

const all = examples();
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
afterAll(() => rmSync(out, { recursive: true, force: true }));

function matches(printed: string, expected: string): boolean {
  return printed === expected || expected.startsWith(`${printed} (`) || expected.startsWith(`${printed}: `);
}

describe('TSDoc examples', () => {
  it('exist for the public surface', () => {
    expect(all.length).toBeGreaterThan(60);
  });

  it.each(all.map((example) => [`${example.file} #${example.index}`, example] as const))(
    '%s runs and prints what it says',
    async (_name, example) => {
      const path = join(out, `${example.file.replace(/[/.]/g, '_')}_${example.index}.ts`);
      writeFileSync(path, example.code);
      const printed: string[] = [];
      const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
        printed.push(format(...args));
      });
      try {
        await import(/* @vite-ignore */ path);
      } finally {
        spy.mockRestore();
      }
      const checked = printed.slice(0, example.expected.length);
      expect(checked.length, `printed: ${JSON.stringify(printed)}`).toBe(example.expected.length);
      checked.forEach((line, i) => {
        expect(
          matches(line, example.expected[i] as string),
          `printed ${JSON.stringify(line)}, the example says ${JSON.stringify(example.expected[i])}`,
        ).toBe(true);
      });
    },
  );
});
