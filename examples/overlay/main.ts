// A live overlay: replays a recorded stream of tiktok-live-connector gift events with its timing (speed it up
// with ?speed=N) into a leaderboard, running money per receiver, the current combo and a coin goal. With a real
// connection, pass it as `source` instead: liveGifts(tiktok, { source: connection, onUpdate }).
import { type LiveGiftUpdate, type LiveTotal, liveGifts } from 'gift-economy';
import { tiktok } from 'gift-economy/presets/tiktok';
import recorded from './stream.json' with { type: 'json' };

const GOAL = 100_000;
const speed = Number(new URLSearchParams(location.search).get('speed') ?? '1') || 1;
const locale = navigator.language || 'en-US';
const count = new Intl.NumberFormat(locale);
const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const session = liveGifts(tiktok, { onUpdate: show });

function show(update: LiveGiftUpdate): void {
  const who = update.sender.nickname ?? update.sender.uniqueId ?? update.sender.id;
  const gift = update.gift.name ?? `gift ${update.gift.id}`;
  element('combo').textContent = update.provisional
    ? `${who}: ${gift} ×${update.count} (combo running)`
    : `${who} sent ${update.count} × ${gift}`;
  render();
}

function rows(body: string, totals: readonly LiveTotal[], label: (total: LiveTotal) => string): void {
  const tbody = element<HTMLTableSectionElement>(body);
  tbody.replaceChildren(
    ...totals.map((total) => {
      const row = document.createElement('tr');
      const name = document.createElement('th');
      name.scope = 'row';
      name.textContent = label(total);
      const coins = document.createElement('td');
      coins.className = 'number';
      coins.textContent = count.format(total.coins);
      const money = document.createElement('td');
      money.className = 'number';
      money.textContent = total.value.format(locale);
      row.append(name, coins, money);
      return row;
    }),
  );
}

function render(): void {
  rows('gifters', session.top(5, 'gifter'), (t) => t.nickname ?? t.uniqueId ?? t.id);
  rows('receivers', session.totals('receiver'), (t) => t.id);
  const goal = session.goal(GOAL);
  element<HTMLProgressElement>('goal').value = goal.coins;
  element('goal-text').textContent = goal.reached ? 'reached!' : `${count.format(goal.remaining)} coins to go`;
  const room = session.totals('receiver').reduce((sum, t) => sum + t.coins, 0);
  element('room').textContent = `${count.format(room)} coins`;
}

async function replay(): Promise<void> {
  const events = recorded.events as { createTime?: string }[];
  const start = Number(events[0]?.createTime ?? 0);
  const began = performance.now();
  for (const event of events) {
    const due = (Number(event.createTime ?? start) - start) / speed;
    const wait = due - (performance.now() - began);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    session.push(event);
  }
  const stats = session.stats();
  element('status').textContent =
    `Replayed ${stats.events} events: ${stats.duplicates} duplicate dropped, ${stats.unknownGifts.size} gift ids not in the catalogue.`;
  document.body.dataset.done = 'true';
}

render();
void replay();
