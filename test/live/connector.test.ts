// Gift events built and decoded by tiktok-live-connector's own code (a devDependency; our library never imports
// it): messages are encoded with its bundled protobuf definitions (tiktok-live-proto v3) and decoded through its
// own deserializeMessage, exactly as TikTokLiveConnection 2.x emits them on 'gift'; the legacy flat v1 shape
// comes from its own simplifyObject. No network.
import { readFileSync } from 'node:fs';
import { deserializeMessage } from 'tiktok-live-connector';
import { simplifyObject } from 'tiktok-live-connector/legacy';
import { CommonMessageData, Gift, User, WebcastGiftMessage } from 'tiktok-live-proto/v3';
import { describe, expect, it } from 'vitest';
import { countLiveGifts, liveGifts, liveGiftsToEvents, settle } from '../../src/index.js';
import { tiktok } from '../../src/presets/tiktok.js';

const empty = new Uint8Array();

interface Send {
  msgId: string;
  giftId: string;
  coins: number;
  type: number;
  repeat: number;
  end: boolean;
  sender: [string, string, string];
  receiver: string;
  group?: string;
}

/** A gift message as TikTok sends it, through the connector's encoder and then its decoder. */
function decoded(send: Send): Record<string, unknown> {
  const message = Object.assign(WebcastGiftMessage.decode(empty), {
    common: Object.assign(CommonMessageData.decode(empty), { msgId: send.msgId, createTime: '1767225600100' }),
    giftId: send.giftId,
    repeatCount: send.repeat,
    repeatEnd: send.end ? 1 : 0,
    groupId: send.group ?? '0',
    user: Object.assign(User.decode(empty), {
      id: send.sender[0],
      idStr: send.sender[0],
      displayId: send.sender[1],
      nickname: send.sender[2],
    }),
    toUser: Object.assign(User.decode(empty), { id: send.receiver, idStr: send.receiver }),
    gift: Object.assign(Gift.decode(empty), { id: send.giftId, diamondCount: send.coins, type: send.type }),
  });
  const bytes = WebcastGiftMessage.encode(message).finish();
  return deserializeMessage('WebcastGiftMessage', Buffer.from(bytes)) as unknown as Record<string, unknown>;
}

const ann: Send['sender'] = ['6800000000000000011', 'ann_fan', 'Ann'];
const bo: Send['sender'] = ['6800000000000000022', 'bo_fan', 'Bo'];
const HOST = '7000000000000000001';
const stream: Send[] = [
  // a Rose streak: two updates, then its end (counted once, 3 Roses)
  { msgId: '101', giftId: '5655', coins: 1, type: 1, repeat: 1, end: false, sender: ann, receiver: HOST, group: '9001' },
  { msgId: '102', giftId: '5655', coins: 1, type: 1, repeat: 2, end: false, sender: ann, receiver: HOST, group: '9001' },
  { msgId: '103', giftId: '5655', coins: 1, type: 1, repeat: 3, end: true, sender: ann, receiver: HOST, group: '9001' },
  // a Lion (not streakable), and the same message again after a reconnect
  { msgId: '104', giftId: '6369', coins: 29_999, type: 2, repeat: 1, end: false, sender: bo, receiver: HOST },
  { msgId: '104', giftId: '6369', coins: 29_999, type: 2, repeat: 1, end: false, sender: bo, receiver: HOST },
];

describe('events from the real tiktok-live-connector (2.x, protobuf v3)', () => {
  const events = stream.map(decoded);

  it('decodes to the raw v3 shape our adapter reads: user.id / displayId, toUser.id, gift.diamondCount', () => {
    expect(events[0]).toMatchObject({
      giftId: '5655',
      repeatCount: 1,
      repeatEnd: 0,
      user: { id: ann[0], displayId: 'ann_fan' },
      toUser: { id: HOST },
    });
  });

  it('counts each gift once with the sender kept: 3 + 29,999 coins for the host, equal to settle', () => {
    const session = liveGifts(tiktok);
    const updates = events.map((event) => session.push(event));
    expect(updates.map((u) => u && `${u.type}:${u.sender.uniqueId}:${u.coins}`)).toEqual([
      'streak:ann_fan:1',
      'streak:ann_fan:2',
      'gift:ann_fan:3',
      'gift:bo_fan:29999',
      undefined, // the replayed message
    ]);
    const [host] = session.totals();
    // 30,002 coins → 30,002 diamonds × USD 0.005 = 150.01
    expect(host).toMatchObject({ id: HOST, coins: 30_002, diamonds: 30_002 });
    expect(host?.value.toString()).toBe('150.01 USD');
    expect(host?.value.toString()).toBe(settle(tiktok, liveGiftsToEvents(countLiveGifts(tiktok, events))).totals.value.toString());
    expect(session.top(2, 'gifter').map((g) => [g.uniqueId, g.nickname, g.coins])).toEqual([
      ['bo_fan', 'Bo', 29_999],
      ['ann_fan', 'Ann', 3],
    ]);
  });

  it("the connector's legacy flat shape (simplifyObject) counts the same; the price and type it dropped come from the table", () => {
    const flat = stream.map((send) => simplifyObject('WebcastGiftMessage', decoded(send)));
    expect(flat[0]).toMatchObject({ userId: ann[0], uniqueId: 'ann_fan', msgId: '101' });
    const session = liveGifts(tiktok, { defaultReceiver: HOST });
    for (const event of flat) session.push(event);
    expect(session.totals().map((t) => [t.id, t.coins])).toEqual([[HOST, 30_002]]);
  });

  it('the recorded fixture of decoded events (test/fixtures/connector-v3-gifts.json) gives the same totals', () => {
    const recorded = JSON.parse(readFileSync(new URL('../fixtures/connector-v3-gifts.json', import.meta.url), 'utf8')) as unknown[];
    const session = liveGifts(tiktok);
    for (const event of recorded) session.push(event);
    expect(session.totals().map((t) => [t.id, t.coins])).toEqual([[HOST, 30_002]]);
  });
});
