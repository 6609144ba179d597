/**
 * Requests are deleted 30 days after they were made, by the daily `retention` timer
 * (cloudfunctions/vehicles/config.json) on the emulator's clock; the month keeps its
 * counts. The timer is daily, not every minute: an idle environment pays one call a day.
 */
import { readFileSync } from 'node:fs';
import { newRequestId, type Harness } from '../support/harness';
import { TXSJ } from '../../scripts/lib/seed-data';
import { askers, vehiclesHarness } from './vehicles-support';

// Advancing 31 days fires every function's timers on the emulator clock (jobs every few minutes, hourly, daily): slow on a busy machine.
jest.setTimeout(600_000);
const DAY = 86_400_000;
let h: Harness;
beforeAll(async () => {
  h = await vehiclesHarness({ clockStart: new Date() });
});
afterAll(() => h.close());

it('the retention trigger runs once a day', () => {
  const cfg = JSON.parse(readFileSync('cloudfunctions/vehicles/config.json', 'utf8'));
  const t = cfg.triggers.find((x: { name: string }) => x.name === 'retention');
  const [sec, min, hour, day] = t.config.split(' ');
  expect([sec, min, hour, day]).toEqual(['0', expect.stringMatching(/^\d+$/), expect.stringMatching(/^\d+$/), '*']);
});

it('deletes a request and its photo after 30 days, keeping the month’s counts', async () => {
  const t0 = Date.now();
  const [who] = await askers(h, TXSJ, 1);
  const openid = h.as(who).openid;
  const up = (await h.emu.runAs({ openid, source: 'wx_client' }, () =>
    h.emu.sdk.uploadFile({ cloudPath: `u/${openid}/vehicles/car.png`, fileContent: Buffer.from('\x89PNG demo') }),
  )) as { fileID: string };
  const r = await h.as(who).ok('vehicles', 'vehicles.request', {
    clientRequestId: newRequestId(),
    compoundId: TXSJ,
    plate: '闽E31415',
    reason: '车灯未关',
    photos: [up.fileID],
  });
  const period = new Date(t0 + 8 * 3600_000).toISOString().slice(0, 7);
  const before = await h.as('txsj-manager').ok('vehicles', 'vehicles.stats', { compoundId: TXSJ, period });

  await h.emu.timers.advanceTo(new Date(t0 + 29 * DAY));
  expect((await h.as(who).call('vehicles', 'vehicles.get', { requestId: r.id })).ok).toBe(true);

  const fired = await h.emu.timers.advanceTo(new Date(t0 + 31 * DAY));
  expect(fired).toEqual(expect.arrayContaining([expect.objectContaining({ functionName: 'vehicles', name: 'retention' })]));
  expect(await h.as(who).call('vehicles', 'vehicles.get', { requestId: r.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(h.emu.readFile(up.fileID)).toBeNull();
  // Nothing older than 30 days is left, the seeded week included.
  expect(
    (
      await h.db
        .collection('moveRequests')
        .where({ createdAt: h.db.command.lte(new Date(t0 + 1 * DAY)) })
        .count()
    ).total,
  ).toBe(0);
  const after = await h.as('txsj-manager').ok('vehicles', 'vehicles.stats', { compoundId: TXSJ, period });
  expect(after).toMatchObject({
    requests: before.requests,
    forwardedPercent: before.forwardedPercent,
    medianMinutes: before.medianMinutes,
  });
});
