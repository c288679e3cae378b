import { cashOut, coinValue } from '../dist/esm/index.js';
import { tiktok } from '../dist/esm/presets/tiktok.js';

const which = process.argv[2];
const read = (answer) => (answer.ok === false ? 0 : answer.breakdown.length + (answer.sources?.length ?? 0));
const f =
  which === 'cv'
    ? () => read(coinValue(tiktok, { region: 'US' }))
    : (i) => read(cashOut(tiktok, { diamonds: 100_000 + i, method: 'paypal', region: 'US' }));
let s = 0;
for (let r = 0; r < 10; r++) {
  for (let i = 0; i < 100000; i++) s += f(i);
}
console.log(s);
