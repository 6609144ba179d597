/**
 * The vehicles demo: plates for about half the homes (some e-bikes, some linked to the
 * space the home rents in fees' register), a week of requests in every state, one sent
 * to the property office, and the named people the demo walks through.
 */
import { main as vehicles } from '../../cloudfunctions/vehicles';
import { main as fees } from '../../cloudfunctions/fees';
import { createHarness, type Harness } from '../support/harness';
import { TXSJ, YJLT } from '../../scripts/lib/seed-data';
import { MOVE_STATUSES } from '../../core/vehicles/rules';
import { DEMO_PLATES } from '../../scripts/lib/seed-vehicles';

jest.setTimeout(120_000);
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ vehicles: vehicles as any, fees: fees as any }, undefined, { features: ['fees', 'vehicles'] });
});
afterAll(() => h.close());

it('plates for about half the homes, e-bikes among them, linked to rented spaces', async () => {
  const demoHomes = h.seed.homes.filter((x) => x.compoundId === TXSJ || x.compoundId === YJLT).length;
  const plated = (await h.db.collection('vehicleHomes').count()).total;
  expect(plated / demoHomes).toBeGreaterThan(0.4);
  expect(plated / demoHomes).toBeLessThan(0.6);
  expect((await h.db.collection('vehicles').where({ kind: 'ebike' }).count()).total).toBeGreaterThan(20);
  expect(
    (
      await h.db
        .collection('vehicles')
        .where({ spaceNo: h.db.command.neq(null) })
        .count()
    ).total,
  ).toBeGreaterThan(0);
  const mine = await h.as('txsj-resident-3').ok('vehicles', 'vehicles.mine', {});
  expect(mine.homes[0].vehicles.map((v: { plate: string }) => v.plate)).toContain(DEMO_PLATES.chen);
});

it('a week of requests in every state, one at the property office, a frequent asker', async () => {
  const docs = (await h.db.collection('moveRequests').limit(1000).get()).data as {
    status: string;
    route: string;
    ownerHomeId: string | null;
    createdAt: Date;
  }[];
  for (const s of MOVE_STATUSES) expect([s, docs.some((d) => d.status === s)]).toEqual([s, true]);
  expect(docs.some((d) => d.route === 'property' && d.ownerHomeId === null)).toBe(true);
  expect(Math.min(...docs.map((d) => new Date(d.createdAt).getTime()))).toBeGreaterThan(Date.now() - 8 * 86_400_000);
  expect((await h.as('txsj-manager').ok('vehicles', 'vehicles.repeat', { compoundId: TXSJ })).items.length).toBeGreaterThan(0);
  // 张卫东's home card has the request forwarded to his buildings.
  expect(
    (await h.as('txsj-lead-5').ok('vehicles', 'vehicles.home', {})).queueCount +
      (await h.as('txsj-manager').ok('vehicles', 'vehicles.home', {})).queueCount,
  ).toBeGreaterThan(0);
});
