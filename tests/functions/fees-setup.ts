/** Shared setup of the fees suites: the two functions, a bookkeeper, the article's rates, this month's bills. */
import { main as fees } from '../../cloudfunctions/fees';
import { main as payCallback } from '../../cloudfunctions/payCallback';
import { addMonths } from '../../core/fees/rules';
import { periodOf } from '../../core/platform/time';
import { createHarness, newRequestId, type Harness } from '../support/harness';

export const PERIOD = periodOf(new Date());
export const LAST = addMonths(PERIOD, -1);
/** Homes of the named residents. */
export const HOME3 = 'txsj-b3_2_101';
export const HOME5 = 'txsj-b5_1_702';

/** The first day after PERIOD (Shanghai), when PERIOD has ended and may be closed. */
export const AFTER_PERIOD = new Date(`${addMonths(PERIOD, 1)}-01T09:00:00+08:00`);

/**
 * Runs `fn` with only Date moved to `to` (the emulator's own timers keep the real
 * clock), as on the day after the month ends: a month closes only once it is over.
 */
export async function at<T>(to: Date, fn: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({
    doNotFake: [
      'nextTick',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
      'queueMicrotask',
      'hrtime',
      'performance',
    ],
  });
  jest.setSystemTime(to);
  try {
    return await fn();
  } finally {
    jest.useRealTimers();
  }
}

export async function feesHarness(more: Record<string, unknown> = {}): Promise<Harness> {
  const h = await createHarness({ fees: fees as any, payCallback: payCallback as any, ...(more as Record<string, any>) });
  // A bookkeeper (记账员) granted by the committee, and one in 御家兰庭.
  for (const [key, name, compoundId] of [
    ['txsj-bookkeeper', '钱会计', 'txsj'],
    ['yjlt-bookkeeper', '孔会计', 'yjlt'],
  ] as const) {
    await h.db
      .collection('people')
      .add({ data: { _id: `p-${key}`, openid: `demo-${key}`, name, partyMember: false, showPartyBadge: false, createdAt: new Date() } });
    await h.db.collection('roles').add({
      data: {
        _id: `r-${key}`,
        personId: `p-${key}`,
        role: 'bookkeeper',
        communityId: 'qiaoxing',
        compoundId,
        grantedBy: 'p-txsj-committee',
        createdAt: new Date(),
      },
    });
  }
  const from = addMonths(PERIOD, -12);
  await h.as('txsj-committee').ok('fees', 'fees.setRate', {
    compoundId: 'txsj',
    itemCode: 'property',
    kind: 'property',
    name: '物业费',
    from,
    tiers: { flat_lift: 110, flat_walkup: 110, shop: 110 },
  });
  await h.as('yjlt-committee').ok('fees', 'fees.setRate', {
    compoundId: 'yjlt',
    itemCode: 'property',
    kind: 'property',
    name: '物业费',
    from,
    tiers: { flat_lift: 120, flat_walkup: 80 },
  });
  return h;
}

export async function generate(h: Harness, compoundId = 'txsj', period = PERIOD, who = 'txsj-committee') {
  return h.as(who).ok('fees', 'fees.generate', { clientRequestId: newRequestId(), compoundId, period });
}

export async function unpaid(h: Harness, who: string): Promise<any[]> {
  const mine = await h.as(who).ok('fees', 'fees.myBills', {});
  return mine.homes.flatMap((x: any) => x.bills);
}

/** Pay through the sandbox: order, then WeChat completes it and notifies payCallback. */
export async function payOnline(h: Harness, who: string, billIds: string[]) {
  const start = await h.as(who).ok('fees', 'fees.pay', { clientRequestId: newRequestId(), billIds });
  const notify = await h.emu.pay.complete(start.outTradeNo);
  return { start, notify };
}

/** A month's 财务公示 notice as notices.post stores it (for suites without the notices function). */
export function financeNoticeDoc(id: string, compoundId: string, period: string, over: Record<string, unknown> = {}) {
  const now = new Date();
  return {
    _id: id,
    rootId: id,
    version: 1,
    status: 'published',
    title: '财务公示',
    body: '本月收支',
    images: [],
    category: '财务公示',
    pinned: false,
    link: { to: 'feeStatement', params: { compoundId, period }, label: '查看账目明细' },
    expiresAt: null,
    visibleUntil: new Date('2100-01-01'),
    targets: [{ kind: 'compound', communityId: 'qiaoxing', compoundId }],
    targetsLabel: compoundId,
    targetKeys: [`c:${compoundId}`],
    buildings: [],
    authorId: 'p-txsj-committee',
    authorName: '林国栋',
    authorRole: 'committeeMember',
    partyBadge: false,
    media: [],
    mediaTraceIds: [],
    createdAt: now,
    publishedAt: now,
    ...over,
  };
}
