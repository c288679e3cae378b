// The README's example, run by the package smoke test against the packed tarball.
import { allocate, money } from 'gift-economy';

const price = money('0.99', 'USD'); // 70 coins in the app (publicly reported)
const total = price.times(3);
console.log(total.toString(), total.format('de-DE'));
console.log(allocate(money('0.07', 'USD'), [2, 3]).map(String));
