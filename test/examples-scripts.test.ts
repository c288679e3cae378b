import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The runnable scripts in examples/ run against the built package (npm test builds first).
const root = new URL('..', import.meta.url).pathname;

describe.runIf(existsSync(`${root}dist/esm/index.js`))('example scripts', () => {
  it('settle-workers.mjs: settling across worker threads and merging equals settling at once', () => {
    const result = spawnSync(process.execPath, ['examples/settle-workers.mjs', '20000', '3'], { cwd: root, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('3 workers, 20000 events');
    expect(result.stdout).toContain('equal: true');
  });
});
