/** The notices demo data: live notices with progress, grants so a reminder reaches people. */
import { main as notices } from '../../cloudfunctions/notices';
import { createHarness, newRequestId, type Harness } from '../support/harness';
import { OUTBOX } from '../../emulator';

jest.setTimeout(60_000);

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ notices: notices as any }, undefined, { features: ['notices'] });
});
afterAll(() => h.close());

it('the demo notices are live with reads, own and told homes; a whole-compound reminder reaches granted residents', async () => {
  const inbox = await h.as('txsj-resident-3').ok('notices', 'notices.list', {});
  expect(inbox.items.map((i: any) => i.id)).toEqual(expect.arrayContaining(['n-demo-lift-3', 'n-demo-meeting']));
  expect(inbox.items.find((i: any) => i.id === 'n-demo-lift-3')).toMatchObject({ unread: true });
  const s = await h.as('txsj-lead-3').ok('notices', 'notices.summary', { noticeId: 'n-demo-lift-3' });
  expect(s.total.read).toBeGreaterThan(5);
  expect(s.total).toMatchObject({ own: 1, told: 3 });
  const authored = await h.as('txsj-committee').ok('notices', 'notices.list', { box: 'authored' });
  expect(authored.items.find((i: any) => i.id === 'n-demo-meeting').progress).toMatchObject({ homes: 585 });

  const p = await h.as('txsj-committee').ok('notices', 'notices.remindPreview', { noticeId: 'n-demo-meeting' });
  expect(p.withGrant).toBeGreaterThan(20);
  expect(p.homesWithGrant).toBeLessThan(p.unreadHomes);
  h.emu.outbox.clear();
  const r = await h.as('txsj-committee').ok('notices', 'notices.remind', { clientRequestId: newRequestId(), noticeId: 'n-demo-meeting' });
  // the page that watches the job advances it, a batch per poll
  for (let i = 1; i <= 20; i++) {
    const j = await h.as('txsj-committee').ok('notices', 'notices.jobStatus', { jobId: r.jobId });
    if (j.status === 'done') break;
  }
  const j = await h.as('txsj-committee').ok('notices', 'notices.jobStatus', { jobId: r.jobId });
  expect(j.status).toBe('done');
  expect(j.done).toBe(p.withGrant);
  const to = new Set(h.emu.outbox.list({ kind: OUTBOX.subscribe }).map((e) => e.payload.touser));
  expect(to.has('demo-txsj-resident-3b')).toBe(true);
  expect(to.has('demo-txsj-resident-3')).toBe(false); // 陈阿婆 granted nothing: told in person
});
