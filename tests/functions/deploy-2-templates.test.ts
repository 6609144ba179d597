/**
 * 2. Subscribe messages: template ids come from the per-environment config
 * (core/templates.ts) and `miniprogramState` follows the environment's version,
 * never a constant 'formal'.
 */
import { main as notices } from '../../cloudfunctions/notices';
import { sendWithGrant, subscriptionId } from '../../cloudfunctions/_shared/messaging';
import { NOTICE_TEMPLATE_ID } from '../../core/notices/contract';
import { BILL_TEMPLATE_ID } from '../../core/fees/templates';
import { DEMO_ENV, ENVIRONMENTS, MINIPROGRAM_STATE, TEMPLATE_IDS, CURRENT_ENV } from '../../core/templates';
import { OUTBOX } from '../../emulator';
import { createHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ notices: notices as any });
});
afterAll(() => h.close());

describe('2. subscribe templates from one per-environment config', () => {
  test('the tests run as the demo environment, whose ids are no placeholders', () => {
    expect(CURRENT_ENV).toBe(DEMO_ENV);
    expect(NOTICE_TEMPLATE_ID).toBe(ENVIRONMENTS[DEMO_ENV].templateIds.notice);
    expect(BILL_TEMPLATE_ID).toBe(TEMPLATE_IDS.bill);
    for (const id of Object.values(TEMPLATE_IDS)) expect(id).not.toMatch(/^REPLACE_WITH_/);
  });

  test('miniprogramState follows the environment (the demo: developer), not a constant formal', async () => {
    const who = h.as('txsj-resident-3');
    await who.ok('notices', 'notices.subscribe', { templateId: NOTICE_TEMPLATE_ID, accepted: true });
    h.emu.outbox.clear();
    const r = await sendWithGrant(
      h.db,
      h.emu.sdk as any,
      { touser: who.openid, templateId: NOTICE_TEMPLATE_ID, page: 'pages/index/index', data: { thing1: { value: '停水' } } },
      new Date(),
    );
    expect(r).toBe('sent');
    const sent = h.emu.outbox.list({ kind: OUTBOX.subscribe }).map((e) => e.payload as { miniprogramState: string; templateId: string });
    expect(sent).toEqual([expect.objectContaining({ templateId: NOTICE_TEMPLATE_ID, miniprogramState: 'developer' })]);
    expect(MINIPROGRAM_STATE).toBe('developer');
    expect(
      (
        await h.db
          .collection('subscriptions')
          .where({ _id: subscriptionId(who.openid, NOTICE_TEMPLATE_ID) })
          .get()
      ).data[0].remaining,
    ).toBe(0);
  });
});
