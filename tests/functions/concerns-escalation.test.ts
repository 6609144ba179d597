/**
 * The hourly sweep (config.json `hourly`) on the emulator's controllable clock:
 * a concern without an answer escalates to the branch and the committee after the
 * compound's days (3 by default, set per compound), not before, once; an answer
 * left unrated asks 解决了吗？ two weeks later, once. The function takes "now" from
 * the timer event's own `Time`, so no fake timers are needed.
 */
import { OUTBOX } from '../../emulator/sandboxes';
import type { Harness } from '../support/harness';
import { concernsHarness, grant, homeOf, raiseBody } from './concerns-support';

// Two weeks of hourly sweeps fire one by one on the emulator clock: slow on a busy machine.
jest.setTimeout(300_000);
const DAY = 86_400_000;
let h: Harness;
beforeAll(async () => {
  h = await concernsHarness({ clockStart: new Date() });
});
afterAll(() => h.close());

const get = (who: string, id: string) => h.as(who).ok('concerns', 'concerns.get', { concernId: id });

it('escalates after 3 days without an answer, not before, and only once; the branch is told and sees it highlighted', async () => {
  const t0 = Date.now();
  await grant(h, 'txsj-secretary');
  await grant(h, 'txsj-committee');
  const c = await h.as('txsj-resident-3').ok('concerns', 'concerns.raise', raiseBody());
  const answeredInTime = await h.as('txsj-resident-3').ok('concerns', 'concerns.raise', raiseBody({ description: '另一件事' }));
  await h.as('txsj-lead-3').ok('concerns', 'concerns.answer', { concernId: answeredInTime.id, answer: '已处理' });

  const fired = await h.emu.timers.advanceTo(new Date(t0 + 2 * DAY));
  expect(fired).toEqual(expect.arrayContaining([expect.objectContaining({ functionName: 'concerns', name: 'hourly' })]));
  expect(await get('txsj-lead-3', c.id)).toMatchObject({ level: 'lead', escalated: false });

  h.emu.outbox.clear();
  await h.emu.timers.advanceTo(new Date(t0 + 3 * DAY + 4 * 3600_000 + 60_000)); // the sweep runs every 4 hours
  const after = await get('txsj-lead-3', c.id);
  expect(after).toMatchObject({ level: 'branch', escalated: true, status: 'open', overdue: false });
  expect(after.events.at(-1)).toMatchObject({ action: 'escalate', note: expect.stringContaining('3天') });
  expect(h.emu.outbox.list({ kind: OUTBOX.subscribe }).map((e) => e.payload.touser)).toEqual(
    expect.arrayContaining(['demo-txsj-secretary', 'demo-txsj-committee']),
  );
  expect(await get('txsj-lead-3', answeredInTime.id)).toMatchObject({ escalated: false });
  const card = await h.as('txsj-committee').ok('concerns', 'concerns.home', {});
  expect(card.overdue.map((x: { id: string }) => x.id)).toContain(c.id);

  // Firing again escalates nothing twice.
  const before = await h.snapshot();
  const events = (await get('txsj-lead-3', c.id)).events.length;
  await h.emu.timers.advanceTo(new Date(t0 + 3 * DAY + 9 * 3600_000));
  expect((await get('txsj-lead-3', c.id)).events.length).toBe(events);
  expect(await h.snapshot()).toBe(before);
});

it('follows the compound’s own days', async () => {
  const t0 = Date.now(); // the clock only moves forward: every target below is past the last one
  await h.as('txsj-committee').ok('concerns', 'concerns.setSettings', { compoundId: 'txsj', escalateDays: 5, topicThreshold: 10 });
  const c = await h
    .as('txsj-resident-3b')
    .ok('concerns', 'concerns.raise', { ...raiseBody(), homeId: (await homeOf(h, 'txsj-resident-3b'))! });
  await h.emu.timers.advanceTo(new Date(t0 + 4 * DAY));
  expect(await get('txsj-lead-3', c.id)).toMatchObject({ escalated: false });
  await h.emu.timers.advanceTo(new Date(t0 + 5 * DAY + 4 * 3600_000 + 60_000)); // the sweep runs every 4 hours
  expect(await get('txsj-lead-3', c.id)).toMatchObject({ escalated: true });
  await h.as('txsj-committee').ok('concerns', 'concerns.setSettings', { compoundId: 'txsj', escalateDays: 3, topicThreshold: 10 });
});

it('an answer left unrated asks 解决了吗？ two weeks later, once', async () => {
  const t0 = Date.now(); // the clock only moves forward: every target below is past the last one
  await grant(h, 'txsj-resident-3', 5);
  const c = await h
    .as('txsj-resident-3')
    .ok('concerns', 'concerns.raise', raiseBody({ category: '环境卫生', description: '宠物粪便没人清理' }));
  await h.as('txsj-lead-3').ok('concerns', 'concerns.answer', { concernId: c.id, answer: '已在草坪插了提示牌，加了清扫频次' });
  await h.emu.timers.advanceTo(new Date(t0 + 13 * DAY));
  expect(await get('txsj-resident-3', c.id)).toMatchObject({ asked: false });
  h.emu.outbox.clear();
  await h.emu.timers.advanceTo(new Date(t0 + 14 * DAY + 4 * 3600_000 + 60_000)); // the sweep runs every 4 hours
  expect(await get('txsj-resident-3', c.id)).toMatchObject({ asked: true, canRate: true, status: 'answered' });
  // (The concern answered in the first test is asked too, at its own two weeks.)
  const asks = h.emu.outbox.list({ kind: OUTBOX.subscribe }).filter((e) => String(e.payload.page).includes(encodeURIComponent(c.id)));
  expect(asks.map((e) => e.payload.touser)).toEqual(['demo-txsj-resident-3']);
  expect((await h.as('txsj-resident-3').ok('concerns', 'concerns.home', {})).asked.map((x: { id: string }) => x.id)).toContain(c.id);
  h.emu.outbox.clear();
  await h.emu.timers.advanceTo(new Date(t0 + 30 * DAY));
  expect(h.emu.outbox.list({ kind: OUTBOX.subscribe })).toEqual([]);
  expect((await get('txsj-resident-3', c.id)).events.filter((e: { action: string }) => e.action === 'ask')).toHaveLength(1);
});
