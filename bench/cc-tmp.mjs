import { compareChannels, quoteCoins } from '../dist/esm/index.js';
import { tiktok } from '../dist/esm/presets/tiktok.js';

const which = process.argv[2];
const read = (answer) => (answer.ok === false ? 0 : answer.breakdown.length + (answer.sources?.length ?? 0));
const f =
  which === 'cc'
    ? (i) => compareChannels(tiktok, { coins: 1000 + (i & 1023), region: 'US' }).breakdown.length
    : (i) => read(quoteCoins(tiktok, { coins: 1000 + (i & 1023), channel: 'web', region: 'US' }));
let s = 0;
for (let r = 0; r < 10; r++) {
  for (let i = 0; i < 30000; i++) s += f(i);
}
console.log(s);
