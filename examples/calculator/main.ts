// The calculator page embeds the <gift-calculator> widget exactly as a site would: the package's widget subpath
// and the one preset the page offers (only the tables passed here are bundled).
import { tiktok } from 'gift-economy/presets/tiktok';
import { defineGiftCalculator } from 'gift-economy/widget';

defineGiftCalculator({ tables: { tiktok } });
