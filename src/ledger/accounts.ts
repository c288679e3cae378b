/**
 * Account names: who holds what. `reserved(account)` holds what a pending transfer set aside.
 * @example
 * ```ts
 * import { accounts, Ledger } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const ledger = new Ledger(tiktok);
 * ledger.apply({ type: 'purchase', id: 'p', viewer: 'ann', coins: 70, channel: 'ios', region: 'US' });
 * console.log(ledger.balance(accounts.store('ios'), 'USD')); // 30 (cents: 30% of 0.99, half-even)
 * ```
 * @category Ledger
 */
export const accounts = {
  viewer: (id: string) => `viewer:${id}`,
  creator: (id: string) => `creator:${id}`,
  viewerMoney: (id: string) => `viewer-paid:${id}`,
  creatorCash: (id: string) => `creator-cash:${id}`,
  store: (channel: string) => `store:${channel}`,
  chest: (id: string) => `chest:${id}`,
  reserved: (account: string) => `reserved:${account}`,
  platform: 'platform',
  coinsIssued: 'coins-issued',
  coinsSpent: 'coins-spent',
  diamondsIssued: 'diamonds-issued',
  diamondsRedeemed: 'diamonds-redeemed',
  payoutFees: 'payout-fees',
} as const;

/** @internal One account's balances: coins and diamonds in fields, money by currency code (in minor units). */
export class Account {
  coin = 0;
  diamond = 0;
  money: Map<string, number> | undefined = undefined;
  /** A viewer's or a creator's account, which the balance limits apply to. */
  readonly personal: boolean;

  /** `id`: the account's number in its book (the journal stores postings by it). */
  constructor(
    readonly name: string,
    readonly id: number,
  ) {
    this.personal = name.startsWith('viewer:') || name.startsWith('creator:');
  }

  get(unit: string): number {
    return unit === 'coin' ? this.coin : unit === 'diamond' ? this.diamond : (this.money?.get(unit) ?? 0);
  }

  set(unit: string, amount: number): void {
    if (unit === 'coin') this.coin = amount;
    else if (unit === 'diamond') this.diamond = amount;
    else {
      if (this.money === undefined) this.money = new Map();
      this.money.set(unit, amount);
    }
  }
}

/** @internal Accounts by name, and by person for the names events use most, so a posting finds its account in one lookup. */
export class Book {
  readonly byName = new Map<string, Account>();
  /** Account names by number, in the order the accounts were opened. */
  readonly names: string[] = [];
  readonly #viewers = new Map<string, Account>();
  readonly #creators = new Map<string, Account>();
  readonly #viewerMoney = new Map<string, Account>();
  readonly #creatorCash = new Map<string, Account>();
  readonly #stores = new Map<string, Account>();

  named(name: string): Account {
    let account = this.byName.get(name);
    if (account === undefined) {
      account = new Account(name, this.names.length);
      this.names.push(name);
      this.byName.set(name, account);
    }
    return account;
  }

  viewer = (id: string) => this.#of(this.#viewers, id, accounts.viewer);
  creator = (id: string) => this.#of(this.#creators, id, accounts.creator);
  viewerMoney = (id: string) => this.#of(this.#viewerMoney, id, accounts.viewerMoney);
  creatorCash = (id: string) => this.#of(this.#creatorCash, id, accounts.creatorCash);
  store = (channel: string) => this.#of(this.#stores, channel, accounts.store);

  #of(cache: Map<string, Account>, id: string, name: (id: string) => string): Account {
    let account = cache.get(id);
    if (account === undefined) {
      account = this.named(name(id));
      cache.set(id, account);
    }
    return account;
  }
}
