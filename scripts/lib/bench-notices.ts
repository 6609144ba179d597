/**
 * The notices rows of `npm run bench`: list my notices, open one (mark read), and the
 * author's read-rate summary for a whole 585-home compound (a single call; its DB
 * reads are printed like every other row).
 */
import type { Invoke, Measure } from './bench-kit';

export async function noticeBench<R>({ invoke, measure }: { invoke: Invoke; measure: Measure<R> }): Promise<R[]> {
  const post = async (who: string, title: string, audience: unknown) => {
    const r = await invoke('notices', who, 'notices.post', {
      clientRequestId: `bench-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`,
      audience,
      title,
      body: '本周六上午九点在小区广场集合，请各位邻居准时参加。',
      category: '通知',
    });
    if (!r.ok) throw new Error(`post failed: ${JSON.stringify(r.error)}`);
    return r.data.id as string;
  };
  // A realistic inbox: a few compound-wide notices and many building notices.
  for (let i = 0; i < 10; i++) await post('txsj-committee', `业委会通知 ${i + 1}`, { kind: 'compounds', compoundIds: ['txsj'] });
  for (let i = 0; i < 30; i++) await post('txsj-lead-3', `3栋通知 ${i + 1}`, { kind: 'buildings', buildingIds: ['txsj-b3'] });
  const compoundWide = await post('txsj-committee', '停水通知', { kind: 'compounds', compoundIds: ['txsj'] });
  // Some reads so the summary has something to count.
  for (let i = 0; i < 40; i++) await invoke('notices', `demo-gen-${i}`, 'notices.open', { noticeId: compoundWide });
  const rows: R[] = [];
  rows.push(await measure('notices list (my inbox, 20)', true, () => invoke('notices', 'txsj-resident-3', 'notices.list', { size: 20 })));
  rows.push(
    await measure('notices open (mark read)', true, () => invoke('notices', 'txsj-resident-3', 'notices.open', { noticeId: compoundWide })),
  );
  rows.push(
    await measure('notices summary (585-home compound)', true, () =>
      invoke('notices', 'txsj-committee', 'notices.summary', { noticeId: compoundWide }),
    ),
  );
  return rows;
}
