// The public surface of gift-economy: every export is listed here by name.

export {
  type CountedLiveGift,
  countLiveGifts,
  type LiveGiftCounter,
  type LiveGiftOptions,
  type LiveGiftTally,
  liveGiftCounter,
  liveGiftsToEvents,
} from './adapters/tiktok-live.js';
export {
  type Allowed,
  type Alternative,
  type CheckQuery,
  check,
  type NotKnown,
  type Refusal,
  type RefusalCode,
} from './availability/check.js';
export { type FeatureRegions, regionSummary, regionsAllowing } from './availability/listing.js';
export { isRegionCode } from './availability/region-code.js';
export { type BundleOffer, type CustomOffer, PLANNER_LIMITS, type PlanLine, type PlanMinor, PurchasePlanner } from './catalog/planner.js';
export { type ViewerBalance, type ViewerBalanceQuery, viewerBalance } from './convert/balance.js';
export {
  type Amount,
  type Breakdown,
  type BreakdownStep,
  type Count,
  type FormattedStep,
  formatAmount,
  formatBreakdown,
  type Label,
  type StepName,
} from './convert/breakdown.js';
export { type BudgetQuery, budgetCoins } from './convert/budget-coins.js';
export { type CoinValue, coinValue } from './convert/coin-value.js';
export { type ChannelComparison, compareChannels } from './convert/compare.js';
export { type FlowQuery, type MoneyFlow, moneyFlow } from './convert/flow.js';
export { type GiftQuery, type GiftValue, sendGifts } from './convert/gift.js';
export { type GiftBudget, giftsWithinBudget } from './convert/gifts-within-budget.js';
export { type CashOut, type CashOutQuery, cashOut, diamondsForValue, type FxRate } from './convert/payout.js';
export { type PayoutTarget, payoutTarget } from './convert/payout-target.js';
export { type PayoutTimeline, type PayoutWithdrawal, payoutTimeline } from './convert/payout-timeline.js';
export { type Buyer, type CurrencyFallback, type Quote, type QuoteLine, type QuoteQuery, quoteCoins } from './convert/quote.js';
export { diamondsForCoins, diamondsForGifts } from './convert/rates.js';
export { EconomyError, type EconomyErrorOptions, type ErrorCode, type Issue } from './errors.js';
export { type ChestSplit, chestSplit } from './ledger/chest.js';
export { DurableLedger, type JournalStore, memoryJournal } from './ledger/durable.js';
export {
  type ApplyResult,
  accounts,
  type BatchResult,
  type JournalEntry,
  Ledger,
  type LedgerEvent,
  type LedgerGiftFields,
  type LedgerLimits,
  type LedgerOptions,
  type Posting,
} from './ledger/ledger.js';
export { compareScenarios, type PartyTotals, runScenario, type ScenarioComparison } from './ledger/scenario.js';
export {
  type CreatorSettlement,
  type GiftColumns,
  type GiftEvent,
  mergeSettlements,
  type Settlement,
  type SettlementParts,
  settle,
} from './ledger/settle.js';
export { type AudienceOptions, simulateAudience } from './ledger/simulate.js';
export { type CatalogueDrift, type CatalogueGift, giftCatalogueDrift, giftCatalogueOverlay } from './live/catalogue.js';
export {
  type LiveGiftEmitter,
  LiveGifts,
  type LiveGiftsOptions,
  type LiveGiftUpdate,
  type LiveIdentity,
  type LiveSnapshot,
  type LiveTally,
  type LiveTotal,
  liveGifts,
} from './live/live-gifts.js';
export { allocate } from './money/allocate.js';
export { type CurrencyCode, minorUnits } from './money/currency.js';
export { type DecimalInput, MAX_DIGITS } from './money/decimal.js';
export { Money, type MoneyJSON, money } from './money/money.js';
export type { Ratio } from './money/ratio.js';
export { ROUNDING_MODES, type RoundingMode } from './money/rounding.js';
export {
  type Coins,
  coins,
  type Diamonds,
  diamonds,
  type Quantity,
} from './quantity/quantity.js';
export { type SettlementSqlOptions, type SqlDialect, type SqlSource, settlementSql } from './sql/settlement.js';
export { compileRateTable, type OfferSet, RateTable, type TableNames } from './table/compile.js';
export { type Instant, RateHistory } from './table/history.js';
export { rateTableJsonSchema } from './table/json-schema.js';
export { applyOverlay } from './table/overlay.js';
export { parseRateTable, type SafeParseResult, safeParseRateTable, validateRateTable } from './table/parse.js';
export type { Confidence, Figure, Provenance, SourceRef } from './table/provenance.js';
export {
  type BundleDocument,
  type ChannelDocument,
  type CustomAmountDocument,
  type FeatureRule,
  type GiftDocument,
  type PaymentMethodDocument,
  type RateTableDocument,
  type RateTableInput,
  type RateTableSchemas,
  type RegionRuleDocument,
  rateTableSchemas,
} from './table/schema.js';
export { fixedSource, type LoadingSourceOptions, loadingSource, type RateSource } from './table/source.js';
