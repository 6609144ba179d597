/**
 * A repair done and not confirmed closes itself after 7 days. The timer trigger
 * (`autoClose`, hourly, in cloudfunctions/repairs/config.json) fires on the
 * emulator's controllable clock: `h.emu.timers.advanceTo(date)`. The function
 * takes "now" from the timer event's own `Time` (the occurrence fired), so no fake
 * timers are needed: the rest of the test runs on the real clock.
 */
import { newRequestId, type Harness } from '../support/harness';
import { STAFF, repairsHarness } from './repairs-support';

jest.setTimeout(120_000);
const DAY = 86_400_000;
let h: Harness;
beforeAll(async () => {
  h = await repairsHarness({ clockStart: new Date() });
});
afterAll(() => h.close());

async function doneRepair() {
  const r = await h.as('yjlt-resident-5').ok('repairs', 'repairs.report', {
    clientRequestId: newRequestId(),
    where: { kind: 'home', homeId: 'yjlt-b5_1_301' },
    category: '水管漏水',
    description: '水管漏水',
  });
  await h.as('yjlt-manager').ok('repairs', 'repairs.assign', { repairId: r.id, assigneeId: STAFF });
  await h.as('yjlt-staff').ok('repairs', 'repairs.start', { repairId: r.id });
  await h.as('yjlt-staff').ok('repairs', 'repairs.finish', { repairId: r.id });
  return r.id as string;
}
const status = async (id: string) => (await h.as('yjlt-manager').ok('repairs', 'repairs.get', { repairId: id })).status;

it('closes after 7 days without a confirmation, not before; a confirmed one is left alone', async () => {
  const t0 = Date.now();
  const waiting = await doneRepair();
  const confirmed = await doneRepair();
  await h.as('yjlt-resident-5').ok('repairs', 'repairs.confirm', { repairId: confirmed, rating: 3 });

  const six = await h.emu.timers.advanceTo(new Date(t0 + 6 * DAY));
  expect(six).toEqual(expect.arrayContaining([expect.objectContaining({ functionName: 'repairs', name: 'autoClose' })]));
  expect(await status(waiting)).toBe('done');

  await h.emu.timers.advanceTo(new Date(t0 + 7 * DAY + 4 * 3600_000 + 60_000));
  expect(await status(waiting)).toBe('closed');
  expect(await status(confirmed)).toBe('confirmed');
  const detail = await h.as('yjlt-resident-5').ok('repairs', 'repairs.get', { repairId: waiting });
  expect(detail.events.at(-1)).toMatchObject({ action: 'autoClose', note: expect.stringContaining('7天') });
  // The resident can no longer confirm or reopen it.
  expect(await h.as('yjlt-resident-5').call('repairs', 'repairs.confirm', { repairId: waiting, rating: 5 })).toMatchObject({
    ok: false,
    error: { code: 'REPAIR_STATE' },
  });
  // Firing again changes nothing.
  const before = await h.snapshot();
  await h.emu.timers.advanceTo(new Date(t0 + 8 * DAY));
  expect(await h.snapshot()).toBe(before);
  // The seeded demo's old "done" repairs closed too; none is left done for over 7 days.
  const stale = await h.db
    .collection('repairs')
    .where({ status: 'done', doneAt: h.db.command.lte(new Date(t0 + 1 * DAY)) })
    .count();
  expect(stale.total).toBe(0);
});
