// Run by the package smoke test against the packed tarball, in an ESM and a CommonJS project.
import { quoteCoins, sendGifts } from 'gift-economy';
import { tiktok } from 'gift-economy/presets/tiktok';

const quote = quoteCoins(tiktok, { coins: 5000, channel: 'web', region: 'US' });
console.log(quote.ok && quote.price.toString());
const lion = sendGifts(tiktok, { gift: 'Lion', count: 3 });
console.log(lion.ok && lion.value.toString());
