import type { RateTableInput } from '../src/index.js';

/** A small, valid table written by hand for tests: two channels, two bundles, a custom amount, three gifts. */
export function minimalTable(): RateTableInput & Record<string, unknown> {
  return {
    id: 'demo',
    version: '1',
    name: 'Demo economy',
    effectiveFrom: '2026-01-01',
    sources: [{ key: 'hand', title: 'Written by hand for the tests', retrieved: '2026-11-25' }],
    currencies: ['USD', 'JPY'],
    features: ['buy-coins', 'send-gifts', 'receive-gifts', 'cash-out'],
    channels: [
      { id: 'ios', name: 'iOS', storeCommission: '0.30' },
      { id: 'web', name: 'Web', storeCommission: '0' },
    ],
    bundles: [
      {
        id: 'small',
        coins: 100,
        prices: [
          { channel: 'ios', currency: 'USD', amount: '1.49' },
          { channel: 'web', currency: 'USD', amount: '1.00' },
        ],
      },
      {
        id: 'large',
        coins: 1000,
        prices: [
          { channel: 'ios', currency: 'USD', amount: '12.99' },
          { channel: 'ios', currency: 'JPY', amount: '2000', regions: ['JP'] },
        ],
      },
    ],
    customAmounts: [{ channel: 'web', currency: 'USD', pricePerCoin: '0.011', minCoins: 10, maxCoins: 10000, step: 1, rounding: 'ceil' }],
    gifts: [
      { id: 'rose', name: 'Rose', coins: 1, streakable: true },
      { id: 'lion', name: 'Lion', coins: 29999 },
      { id: 'cake', name: 'Cake', coins: 5, availableFrom: '2026-01-01', availableTo: '2026-12-31' },
    ],
    creatorShare: { diamondsPerCoin: '0.5', rounding: 'floor', scope: 'per-settlement', source: 'hand' },
    diamondValue: { currency: 'USD', perDiamond: '0.005', rounding: 'half-even' },
    payout: {
      currency: 'USD',
      minimum: '10',
      maximumPerDay: '1000',
      methods: [{ id: 'paypal', name: 'PayPal', percentFee: '0.02', fixedFee: '0.30' }],
    },
    regions: {
      default: {
        currency: 'USD',
        channels: ['ios', 'web'],
        features: {
          'buy-coins': { minAge: 18 },
          'send-gifts': { minAge: 18 },
          'receive-gifts': { minAge: 18 },
          'cash-out': { minAge: 18 },
        },
      },
      rules: [
        { region: 'JP', currency: 'JPY', channels: ['ios'], features: { 'cash-out': { available: false, reason: 'not offered here' } } },
      ],
    },
  };
}
