/**
 * The vehicles rows of `npm run bench`: a 挪车 request (the plate found by id, the
 * household and its grants, the lead, the limits in one transaction, the message)
 * and the home card, with plates on half of all homes and a month of requests in
 * proportion to the households — ~300 plates in the demo, ~15,000 at 30,000 homes.
 * A request must cost the same at every size.
 */
import { TXSJ, buildSeed } from './seed-data';
import { expiresAt, type MoveStatus } from '../../core/vehicles/rules';
import { periodOf } from '../../core/platform/time';
import type { MoveRequestDoc, VehicleDoc } from '../../cloudfunctions/vehicles/docs';
import { vehicleId } from '../../cloudfunctions/vehicles/docs';
import type { Emu, Invoke, Measure } from './bench-kit';

const DAY = 86_400_000;

export async function vehiclesBench<R>({
  emu,
  extraHomes,
  invoke,
  measure,
}: {
  emu: Emu;
  extraHomes: number;
  invoke: Invoke;
  measure: Measure<R>;
}): Promise<R[]> {
  const seed = buildSeed({ extraHomes });
  const now = Date.now();
  const vehicles: VehicleDoc[] = [];
  // Every 天翔世家 home has a plate (the request rows need one fresh plate per call); elsewhere every other home.
  seed.homes.forEach((h, i) => {
    if (h.compoundId !== TXSJ && i % 2) return;
    // Distinct valid plates for up to 1,000,000 homes: 闽E00000 … 闽E99999, then other offices.
    const p = `闽${'EDFGH'[Math.floor(i / 100000) % 5]}${String(i % 100000).padStart(5, '0')}`;
    vehicles.push({
      _id: vehicleId(h.compoundId, p),
      communityId: h.communityId,
      compoundId: h.compoundId,
      buildingId: h.buildingId,
      homeId: h._id,
      homeLabel: h.label,
      sortKey: `${h.buildingId}!${h.sortKey ?? h.label}`,
      plate: p,
      kind: 'car',
      spaceNo: null,
      addedBy: 'bench',
      createdAt: new Date(now - 90 * DAY),
    });
  });
  // A month of requests, one per 20 households, in every state.
  const statuses: MoveStatus[] = ['notified', 'forwarded', 'handled', 'unreachable', 'resolved'];
  const people = seed.memberships;
  const requests: MoveRequestDoc[] = [];
  for (let n = 0; n * 20 < seed.homes.length; n++) {
    const v = vehicles[(n * 7) % vehicles.length];
    const m = people[(n * 13) % people.length];
    const at = new Date(now - (n % 30) * DAY - DAY);
    const status = statuses[n % statuses.length];
    requests.push({
      _id: `m-bench-${n}`,
      clientRequestId: `bench-${n}`,
      communityId: v.communityId,
      compoundId: v.compoundId,
      compoundName: '',
      plate: v.plate,
      ownerHomeId: v.homeId,
      ownerHomeLabel: v.homeLabel,
      ownerBuildingId: v.buildingId,
      reason: '挡道',
      note: null,
      media: [],
      mediaTraceIds: [],
      requesterId: m.personId,
      requesterName: '住户',
      requesterHomeLabel: '',
      route: status === 'notified' ? 'owner' : 'property',
      status,
      open: status === 'notified' || status === 'forwarded',
      audience: [`h:${v.homeId}`, ...(status === 'notified' ? [] : [`c:${v.compoundId}`])],
      reported: false,
      handledAt: null,
      handledBy: null,
      resolvedAt: null,
      period: periodOf(at),
      version: 1,
      createdAt: at,
      updatedAt: at,
      expiresAt: expiresAt(at),
    });
  }
  emu.seed('vehicles', vehicles);
  emu.seed('moveRequests', requests);
  process.stderr.write(`vehicles: ${vehicles.length} plates, ${requests.length} requests\n`);

  // Requesters: 天翔世家's generated residents, five calls each (the daily limit), each call a fresh plate of another home.
  const txsjPlates = vehicles.filter((v) => v.compoundId === TXSJ);
  const askers = people.filter((m) => m.compoundId === TXSJ && m.personId.startsWith('p-gen-'));
  const rows: R[] = [];
  let k = 0;
  rows.push(
    await measure('vehicles request (挪车, one plate)', true, async (i) => {
      const m = askers[Math.floor(i / 5) % askers.length];
      let v = txsjPlates[k++ % txsjPlates.length];
      if (v.homeId === m.homeId) v = txsjPlates[k++ % txsjPlates.length];
      return invoke('vehicles', m.personId.replace(/^p-/, ''), 'vehicles.request', {
        clientRequestId: `bench-req-${i}-${now}`,
        compoundId: TXSJ,
        plate: v.plate,
        reason: '车灯未关',
      });
    }),
  );
  rows.push(await measure('vehicles home card (owner)', true, () => invoke('vehicles', 'txsj-resident-3', 'vehicles.home', {})));
  rows.push(
    await measure('vehicles queue (property, 20)', true, () =>
      invoke('vehicles', 'txsj-manager', 'vehicles.queue', { compoundId: TXSJ, size: 20 }),
    ),
  );
  return rows;
}
