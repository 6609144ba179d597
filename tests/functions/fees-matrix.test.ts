/**
 * Authorization matrix and bad input for every fees action. Each action lists a valid
 * payload and the identities allowed to run it: those SUCCEED; everyone else is
 * refused (FORBIDDEN, or NOT_FOUND where the thing is not theirs to know); an empty
 * identity is UNAUTHENTICATED. Then every malformed payload is a BAD_REQUEST that
 * writes nothing, with the attacker's numbers (negative, fractional, 1e20).
 */
import { feesApi, FEES_BASE_ACTIONS } from '../../core/fees/contract';
import { PARKING_ACTIONS } from '../../core/fees/contract-parking';
import { DUES_ACTIONS } from '../../core/fees/contract-dues';
import { expectAuthorization, expectBadInputRefused, type ActionSpec } from '../support/matrix';
import { newRequestId, type Harness } from '../support/harness';
import { AFTER_PERIOD, at, feesHarness, financeNoticeDoc, generate, HOME3, LAST, PERIOD } from './fees-setup';

jest.setTimeout(60_000);

let h: Harness;
let jobId: string;
let questionSeq = 0;
beforeAll(async () => {
  h = await feesHarness();
  jobId = (await generate(h)).id;
  await h.as('txsj-bookkeeper').ok('fees', 'ledger.book', {
    clientRequestId: newRequestId(),
    compoundId: 'txsj',
    category: 'cleaning',
    amountFen: 1000,
    memo: '保洁',
    receipts: [],
  });
  await at(AFTER_PERIOD, async () => {
    await h.as('txsj-committee').ok('fees', 'ledger.close', { compoundId: 'txsj', period: LAST });
    await h.as('txsj-committee').ok('fees', 'ledger.close', { compoundId: 'txsj', period: PERIOD });
    await h.as('txsj-committee').ok('fees', 'ledger.publish', { compoundId: 'txsj', period: PERIOD });
  });
  // The month's 财务公示 notice, as notices.post stores it (linkNotice accepts no other).
  await h.db.collection('notices').add({ data: financeNoticeDoc('n-matrix-notice', 'txsj', PERIOD) });
}, 60_000);
afterAll(() => h.close());

const IDENTITIES = [
  '',
  'demo-new-matrix',
  'txsj-resident-3',
  'txsj-resident-5',
  'txsj-lead-3',
  'txsj-committee',
  'txsj-secretary',
  'txsj-manager',
  'txsj-staff',
  'txsj-bookkeeper',
  'community-admin',
  'yjlt-committee',
] as const;
const SIGNED_IN = IDENTITIES.filter((i) => i !== '');
/** Who may read 天翔世家's fee items and ledger: its residents and the people who keep or oversee its books. */
const READERS = [
  'txsj-resident-3',
  'txsj-resident-5',
  'txsj-lead-3',
  'txsj-committee',
  'txsj-secretary',
  'txsj-manager',
  'txsj-bookkeeper',
  'community-admin',
];

let n = 0;
/** A fresh unpaid bill of 陈阿婆's home (a fixture item per call). */
async function freshBill(homeId = HOME3) {
  const code = `mx${++n}`;
  const id = `${homeId}_${code}_${PERIOD}`;
  await h.db.collection('bills').add({
    data: {
      _id: id,
      communityId: 'qiaoxing',
      compoundId: 'txsj',
      buildingId: 'txsj-b3',
      homeId,
      homeLabel: '天翔世家 3栋2单元101',
      compoundPeriod: `txsj_${PERIOD}`,
      itemCode: code,
      itemName: '测试费',
      kind: 'fixed',
      period: PERIOD,
      rateFen: 100,
      quantity: 1,
      unit: 'home',
      amountFen: 100,
      status: 'unpaid',
      orderNo: null,
      createdAt: new Date(),
    },
  });
  return id;
}
async function paidOffline() {
  return h.as('txsj-manager').ok('fees', 'fees.payOffline', {
    clientRequestId: newRequestId(),
    billIds: [await freshBill()],
    method: 'cash',
    receiptNo: `MX-${++n}`,
  });
}
async function duplicatePayment() {
  const r = await paidOffline();
  await h.db
    .collection('payments')
    .doc(r.id)
    .update({ data: { needsRefund: true, duplicateFen: 100 } });
  return r.id;
}
async function freshEntry() {
  return h.as('txsj-bookkeeper').ok('fees', 'ledger.book', {
    clientRequestId: newRequestId(),
    compoundId: 'txsj',
    category: 'purchases',
    amountFen: 100,
    memo: '矩阵',
    receipts: [],
  });
}
async function freshQuestion() {
  return h.as('txsj-resident-5').ok('fees', 'ledger.ask', {
    clientRequestId: newRequestId(),
    compoundId: 'txsj',
    period: PERIOD,
    category: 'cleaning',
    question: `问题${++questionSeq}`,
  });
}

type Spec = ActionSpec;
/** The core actions; parking/EV and reminders/committee dues have their own matrix suites. */
const MATRIX: Record<keyof typeof FEES_BASE_ACTIONS, Spec> = {
  'fees.items': { allowed: READERS, payload: async () => ({ compoundId: 'txsj' }) },
  'fees.setRate': {
    allowed: ['txsj-committee', 'txsj-manager'],
    payload: async () => ({
      compoundId: 'txsj',
      itemCode: 'fixed',
      kind: 'fixed',
      name: '垃圾清运费',
      from: PERIOD,
      fen: 500,
      reason: '清运公司涨价',
    }),
  },
  'fees.generate': {
    allowed: ['txsj-committee', 'txsj-manager', 'txsj-bookkeeper'],
    payload: async () => ({ clientRequestId: newRequestId(), compoundId: 'txsj', period: PERIOD }),
  },
  'fees.jobStatus': { allowed: ['txsj-committee'], payload: async () => ({ jobId }) },
  'fees.myBills': { allowed: SIGNED_IN, payload: async () => ({}) },
  'fees.summary': { allowed: SIGNED_IN, payload: async () => ({}) },
  'fees.pay': { allowed: ['txsj-resident-3'], payload: async () => ({ clientRequestId: newRequestId(), billIds: [await freshBill()] }) },
  'fees.order': {
    allowed: ['txsj-resident-3'],
    payload: async () => ({
      outTradeNo: (await h.as('txsj-resident-3').ok('fees', 'fees.pay', { clientRequestId: newRequestId(), billIds: [await freshBill()] }))
        .outTradeNo,
    }),
  },
  'fees.receipt': {
    allowed: ['txsj-resident-3', 'txsj-committee', 'txsj-manager', 'txsj-bookkeeper'],
    payload: async () => ({ paymentId: (await paidOffline()).id }),
  },
  'fees.payOffline': {
    allowed: ['txsj-manager', 'txsj-bookkeeper'],
    payload: async () => ({ clientRequestId: newRequestId(), billIds: [await freshBill()], method: 'transfer', receiptNo: `MX-${++n}` }),
  },
  'fees.refund': {
    allowed: ['txsj-committee', 'txsj-manager'],
    payload: async () => ({ paymentId: await duplicatePayment(), reason: '重复缴费' }),
  },
  'fees.refundCheck': {
    allowed: ['txsj-committee', 'txsj-manager'],
    payload: async () => ({ paymentId: await duplicatePayment() }),
  },
  'fees.refunds': {
    allowed: ['txsj-committee', 'txsj-manager', 'txsj-bookkeeper'],
    payload: async () => ({ compoundId: 'txsj' }),
  },
  'fees.arrears': {
    allowed: ['txsj-lead-3', 'txsj-committee', 'txsj-secretary', 'txsj-manager', 'txsj-bookkeeper'],
    payload: async () => ({ compoundId: 'txsj', period: PERIOD }),
  },
  'ledger.book': {
    allowed: ['txsj-manager', 'txsj-bookkeeper'],
    payload: async () => ({
      clientRequestId: newRequestId(),
      compoundId: 'txsj',
      category: 'repairs',
      amountFen: 12345,
      memo: '更换路灯',
      receipts: [],
    }),
  },
  'ledger.reverse': {
    allowed: ['txsj-manager', 'txsj-bookkeeper'],
    payload: async () => ({ clientRequestId: newRequestId(), entryId: (await freshEntry()).id, reason: '记错了' }),
  },
  'ledger.entries': { allowed: READERS, payload: async () => ({ compoundId: 'txsj', period: PERIOD }) },
  'ledger.close': { allowed: ['txsj-committee'], payload: async () => ({ compoundId: 'txsj', period: PERIOD }) },
  'ledger.publish': { allowed: ['txsj-committee'], payload: async () => ({ compoundId: 'txsj', period: PERIOD }) },
  'ledger.linkNotice': {
    allowed: ['txsj-committee'],
    payload: async () => ({ compoundId: 'txsj', period: PERIOD, noticeId: 'n-matrix-notice' }),
  },
  'ledger.statement': { allowed: READERS, payload: async () => ({ compoundId: 'txsj', period: PERIOD }) },
  'ledger.trend': { allowed: READERS, payload: async () => ({ compoundId: 'txsj' }) },
  'ledger.verify': { allowed: READERS, payload: async () => ({ compoundId: 'txsj' }) },
  'ledger.ask': {
    allowed: READERS,
    payload: async () => ({
      clientRequestId: newRequestId(),
      compoundId: 'txsj',
      period: PERIOD,
      category: 'cleaning',
      question: '这笔钱用在哪里？',
    }),
  },
  'ledger.answer': {
    allowed: ['txsj-committee', 'txsj-bookkeeper'],
    payload: async () => ({ questionId: (await freshQuestion()).id, answer: '用于楼道保洁。' }),
  },
  'ledger.donations': { allowed: READERS, payload: async () => ({ compoundId: 'txsj' }) },
  'ledger.statementPage': { allowed: READERS, payload: async () => ({ compoundId: 'txsj' }) },
  'ledger.booksPage': { allowed: ['txsj-committee', 'txsj-manager', 'txsj-bookkeeper'], payload: async () => ({ compoundId: 'txsj' }) },
  'fees.export': {
    allowed: ['txsj-committee', 'txsj-manager', 'txsj-bookkeeper'],
    payload: async () => ({ compoundId: 'txsj', kind: 'ledger', period: PERIOD }),
  },
};

describe('authorization matrix: every action × every identity', () => {
  it('covers every action of the contract', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(FEES_BASE_ACTIONS).sort());
    // The three contract parts (each with its own matrix suite) are the whole API: no action in none, none in two.
    const parts = [FEES_BASE_ACTIONS, PARKING_ACTIONS, DUES_ACTIONS].map((p) => Object.keys(p));
    expect(parts.flat().sort()).toEqual(Object.keys(feesApi.actions).sort());
    expect(new Set(parts.flat()).size).toBe(parts.flat().length);
  });

  for (const [action, spec] of Object.entries(MATRIX)) {
    it(
      action,
      async () => {
        await expectAuthorization(h, 'fees', action, spec, IDENTITIES);
      },
      60_000,
    );
  }

  it('system-shaped events from a client are action calls: no timer, no pay notice', async () => {
    const c = h.as('txsj-manager');
    expect(await c.raw('fees', { Type: 'Timer', TriggerName: 'billing', Time: new Date().toISOString(), Message: '' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(
      await c.raw('payCallback', { Type: 'Timer', TriggerName: 'reconcile', Time: new Date().toISOString(), Message: '' }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await c.raw('payCallback', { action: 'settle', payload: {} })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
  });
});

const OPTIONAL_FIELDS = new Set([
  'fees.setRate:tiers',
  'fees.setRate:fen',
  'fees.arrears:buildingId',
  'fees.refunds:compoundId',
  'ledger.book:receipts',
  'ledger.book:donor',
  'ledger.entries:category',
  'ledger.linkNotice:replace',
  'ledger.statementPage:compoundId',
  'ledger.statementPage:period',
]);

const SPECIFIC = (): Record<string, Record<string, unknown>[]> => ({
  'fees.setRate': [
    { compoundId: 'txsj', itemCode: 'property', kind: 'property', name: '物业费', from: PERIOD, tiers: { flat_lift: 1e20 } },
    { compoundId: 'txsj', itemCode: 'property', kind: 'property', name: '物业费', from: PERIOD, tiers: { flat_lift: -110 } },
    { compoundId: 'txsj', itemCode: 'property', kind: 'property', name: '物业费', from: PERIOD, tiers: { flat_lift: 110.5 } },
    { compoundId: 'txsj', itemCode: 'property', kind: 'property', name: '物业费', from: PERIOD, tiers: { penthouse: 500 } },
    { compoundId: 'txsj', itemCode: 'property', kind: 'property', name: '物业费', from: PERIOD, fen: 110 },
    { compoundId: 'txsj', itemCode: 'property', kind: 'property', name: '物业费', from: '2026-13', tiers: { flat_lift: 110 } },
    { compoundId: 'txsj', itemCode: 'Bad Code', kind: 'fixed', name: 'x', from: PERIOD, fen: 1 },
    { compoundId: 'txsj', itemCode: 'fixed', kind: 'fixed', name: 'x', from: PERIOD },
    { compoundId: 'txsj', itemCode: 'fixed', kind: 'fixed', name: 'x', from: PERIOD, fen: Infinity },
  ],
  'fees.generate': [
    { clientRequestId: newRequestId(), compoundId: 'txsj', period: '2099-01' },
    { clientRequestId: newRequestId(), compoundId: 'txsj', period: '26-11' },
  ],
  'fees.pay': [
    { clientRequestId: newRequestId(), billIds: [] },
    { clientRequestId: newRequestId(), billIds: Array.from({ length: 25 }, (_, i) => `b${i}`) },
    { clientRequestId: 'short', billIds: ['x'] },
  ],
  'fees.order': [{ outTradeNo: '../../x' }],
  'fees.payOffline': [
    { clientRequestId: newRequestId(), billIds: ['x'], method: 'cheque', receiptNo: 'A1' },
    { clientRequestId: newRequestId(), billIds: ['x'], method: 'cash', receiptNo: '收据 1' },
  ],
  'ledger.book': [
    { clientRequestId: newRequestId(), compoundId: 'txsj', category: 'repairs', amountFen: -100, memo: 'x', receipts: [] },
    { clientRequestId: newRequestId(), compoundId: 'txsj', category: 'repairs', amountFen: 0.5, memo: 'x', receipts: [] },
    { clientRequestId: newRequestId(), compoundId: 'txsj', category: 'repairs', amountFen: 1e20, memo: 'x', receipts: [] },
    { clientRequestId: newRequestId(), compoundId: 'txsj', category: 'repairs', amountFen: 0, memo: 'x', receipts: [] },
    { clientRequestId: newRequestId(), compoundId: 'txsj', category: 'bribes', amountFen: 100, memo: 'x', receipts: [] },
    { clientRequestId: newRequestId(), compoundId: 'txsj', category: 'repairs', amountFen: 100, memo: '\u202Egnp', receipts: [] },
    { clientRequestId: newRequestId(), compoundId: 'txsj', category: 'propertyFee', amountFen: 100, memo: '手工物业费', receipts: [] },
    { clientRequestId: newRequestId(), compoundId: 'txsj', category: 'refund', amountFen: 100, memo: '手工退款', receipts: [] },
    { clientRequestId: newRequestId(), compoundId: 'txsj', category: 'refundCommon', amountFen: 100, memo: '手工退款', receipts: [] },
    { clientRequestId: newRequestId(), compoundId: 'txsj', category: 'donation', amountFen: 100, memo: '无名', receipts: [] },
    {
      clientRequestId: newRequestId(),
      compoundId: 'txsj',
      category: 'repairs',
      amountFen: 100,
      memo: 'x',
      receipts: [],
      donor: { anonymous: true, project: 'x' },
    },
    {
      clientRequestId: newRequestId(),
      compoundId: 'txsj',
      category: 'donation',
      amountFen: 100,
      memo: 'x',
      receipts: [],
      donor: { anonymous: false, project: 'x' },
    },
  ],
  'ledger.close': [{ compoundId: 'txsj', period: '2099-01' }],
  'ledger.linkNotice': [
    { compoundId: 'txsj', period: LAST, noticeId: 'n-x' },
    { compoundId: 'txsj', period: '2099-01', noticeId: 'n-x' },
    { compoundId: 'txsj', period: PERIOD, noticeId: 'n-x' },
  ],
  'fees.export': [
    { compoundId: 'txsj', kind: 'everything', period: PERIOD },
    { compoundId: 'txsj', kind: 'ledger', period: '2026/11' },
  ],
  'ledger.ask': [{ clientRequestId: newRequestId(), compoundId: 'txsj', period: PERIOD, category: 'advertising', question: '没有这一项' }],
});

describe('bad input: BAD_REQUEST with a Chinese message, and nothing written', () => {
  for (const [action, spec] of Object.entries(MATRIX)) {
    it(
      action,
      async () => {
        const valid = await spec.payload();
        const who = spec.allowed.includes('txsj-manager')
          ? 'txsj-manager'
          : spec.allowed.includes('txsj-committee')
            ? 'txsj-committee'
            : spec.allowed[0];
        await expectBadInputRefused(h, 'fees', action, who, valid, { optional: OPTIONAL_FIELDS, rules: SPECIFIC()[action] });
      },
      60_000,
    );
  }
});
