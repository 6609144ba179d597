/**
 * The concerns demo at both compounds: every state, one escalated after 3 days at
 * each, the shed deliberation through 反馈 with its expense in the ledger (the
 * chain still verifies) linked from its task, a topic in 征集; and the demo people
 * see what they should.
 */
import { main as concerns } from '../../cloudfunctions/concerns';
import { main as fees } from '../../cloudfunctions/fees';
import { main as payCallback } from '../../cloudfunctions/payCallback';
import { createHarness, type Harness } from '../support/harness';
import { SHED_TOPIC, YJLT_COLLECT_TOPIC } from '../../scripts/lib/seed-concerns';

jest.setTimeout(120_000);
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ concerns: concerns as any, fees: fees as any, payCallback: payCallback as any }, undefined, {
    features: ['fees', 'concerns'],
  });
});
afterAll(() => h.close());

it('concerns in every state at both compounds, one escalated at each', async () => {
  const all = (await h.db.collection('concerns').limit(100).get()).data as any[];
  expect(new Set(all.map((c) => c.status))).toEqual(new Set(['open', 'answered', 'satisfied', 'merged']));
  for (const c of ['txsj', 'yjlt']) expect(all.some((x) => x.compoundId === c && x.escalatedOpen)).toBe(true);
  for (const words of ['电动车', '广场舞', '外墙', '楼道堆', '宠物粪便'])
    expect(all.some((c) => c.description.includes(words) || c.description.includes(words.replace('楼道堆', '堆满')))).toBe(true);
  // The branch sees the escalated ones highlighted; 李秀英 her building's queue.
  expect((await h.as('txsj-secretary').ok('concerns', 'concerns.home', {})).overdueCount).toBeGreaterThanOrEqual(2);
  expect(
    (await h.as('txsj-lead-3').ok('concerns', 'concerns.queue', { compoundId: 'txsj', filter: 'open' })).items.length,
  ).toBeGreaterThanOrEqual(1);
  // 陈阿婆 is asked 解决了吗？ about the pet mess.
  expect((await h.as('txsj-resident-3').ok('concerns', 'concerns.home', {})).asked.map((c: { id: string }) => c.id)).toContain(
    'c-seed-txsj-pets',
  );
});

it('the shed deliberation went through every step, its expense booked in the ledger and linked; the chain verifies', async () => {
  const t = await h.as('txsj-resident-3').ok('concerns', 'topics.get', { topicId: SHED_TOPIC });
  expect(t).toMatchObject({ stage: 'feedback', art278: true, canRate: true, outcome: expect.stringContaining('业主大会表决') });
  const pay = t.tasks.find((k: any) => k.link?.kind === 'expense');
  expect(pay.link).toMatchObject({ to: 'feeStatement', params: { compoundId: 'txsj' } });
  const entries = await h.as('txsj-committee').ok('fees', 'ledger.entries', { compoundId: 'txsj', period: pay.link.params.period });
  expect(entries.find((e: any) => e.memo.includes('充电棚'))).toMatchObject({ kind: 'expense', amountFen: 3_860_000 });
  expect(await h.as('txsj-resident-3').ok('fees', 'ledger.verify', { compoundId: 'txsj' })).toMatchObject({ ok: true });
  expect(JSON.stringify(t)).not.toMatch(/陈阿婆|吴晓峰|\d单元\d+/);
  const dance = await h.as('yjlt-resident-5').ok('concerns', 'topics.get', { topicId: YJLT_COLLECT_TOPIC });
  expect(dance).toMatchObject({ stage: 'collect', canComment: true });
});
