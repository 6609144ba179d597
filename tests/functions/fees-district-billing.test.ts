/**
 * The monthly billing timer on an environment that serves a district: more than 1,000
 * fee items in all. Every compound with fee items gets its month's job (the timer once
 * read a single page of 1,000 items and missed the compounds beyond it).
 */
import type { Harness } from '../support/harness';
import { feesHarness } from './fees-setup';

jest.setTimeout(120_000);
let h: Harness;
beforeAll(async () => {
  h = await feesHarness();
  // 1,200 items of 300 compounds elsewhere in the district (4 each), written after the two demo compounds'.
  const col = h.db.collection('feeItems');
  for (let i = 0; i < 1_200; i++)
    await col.add({
      data: { _id: `a-district-${String(i).padStart(4, '0')}`, compoundId: `a-elsewhere-${Math.floor(i / 4)}`, kind: 'fixed' },
    });
});
afterAll(() => h.close());

it('queues a job for every compound with fee items, beyond the first 1,000 items', async () => {
  await h.emu.invoke(
    'fees',
    { Type: 'Timer', TriggerName: 'billing', Time: new Date().toISOString(), Message: '' },
    { openid: '', source: 'wx_trigger' },
  );
  const queued = await h.db.collection('jobs').where({ kind: 'fees.generate', createdBy: 'system' }).limit(1000).get();
  const compounds = new Set(queued.data.map((j: { params: { compoundId: string } }) => j.params.compoundId));
  expect([compounds.has('txsj'), compounds.has('yjlt'), compounds.size]).toEqual([true, true, 302]);
});
