/**
 * The activities rows of `npm run bench`: list activities for me (open ones I may
 * join) and sign up (one conditional append to the 接龙 list), at the demo's size
 * and at 30,000 homes.
 */
import type { Invoke, Measure } from './bench-kit';

export async function activityBench<R>({ invoke, measure }: { invoke: Invoke; measure: Measure<R> }): Promise<R[]> {
  const hour = 3_600_000;
  const make = async (title: string, capacity: number) => {
    const now = Date.now();
    const r = await invoke('activities', 'txsj-secretary', 'activities.create', {
      clientRequestId: `bench-${now}-${Math.random().toString(36).slice(2, 10)}`,
      title,
      description: '压测活动',
      place: '小区广场',
      startAt: new Date(now + 72 * hour).toISOString(),
      endAt: new Date(now + 74 * hour).toISOString(),
      deadline: new Date(now + 48 * hour).toISOString(),
      audience: { kind: 'compound', compoundId: 'txsj' },
      capacity,
    });
    if (!r.ok) throw new Error(`create failed: ${JSON.stringify(r.error)}`);
    return r.data.id as string;
  };
  for (let i = 0; i < 10; i++) await make(`志愿活动 ${i + 1}`, 20);
  const big = await make('文明劝导（压测）', 100);
  const rows: R[] = [];
  rows.push(
    await measure('activities list (open for me)', true, () =>
      invoke('activities', 'txsj-resident-3', 'activities.list', { box: 'open', size: 20 }),
    ),
  );
  // Each call a different resident of 天翔世家 (generated owners demo-gen-0…): 100 confirmed, the rest waiting (repeats after 300 find themselves on the list).
  rows.push(
    await measure('activities signUp (接龙, one append)', true, (i) =>
      invoke('activities', `demo-gen-${i % 300}`, 'activities.signUp', { activityId: big }),
    ),
  );
  return rows;
}
