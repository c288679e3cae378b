import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { build } from 'vite';

/** Debian's Chromium, which .ci/run installs; browser tests run when it is there. */
export const CHROMIUM = '/usr/bin/chromium';
export const browserTestsCanRun = existsSync(CHROMIUM) && existsSync(new URL('../../dist/esm/index.js', import.meta.url));

/** Builds an example page with its vite config and serves its dist/ on a loopback port. */
export async function servePage(root: string): Promise<{ url: string; close: () => void }> {
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'silent' });
  const dist = join(root, 'dist');
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer((request, response) => {
    const file = (request.url ?? '/').replace(/\?.*$/, '');
    const path = join(dist, file === '/' ? 'index.html' : file);
    if (!path.startsWith(dist) || !existsSync(path)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

/** Headless Chromium with the flags this machine needs (no sandbox as root, no background networking). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
