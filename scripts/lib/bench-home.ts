/**
 * The rest of the per-user reads for `npm run bench`: what the 首页 and the everyday
 * screens ask (a resident's bill summary and unread count, the activities card and
 * hours, the repairs board, the ledger's trend and donations, the votes list, my groups,
 * help requests, the 亮身份 ranking). Each one is an indexed read bounded by one person
 * or one compound: the same cost at every size.
 */
import type { Invoke, Measure } from './bench-kit';

export async function homeBench<R>({ invoke, measure }: { invoke: Invoke; measure: Measure<R> }): Promise<R[]> {
  const rows: R[] = [];
  const r = (name: string, fn: string, who: string, action: string, payload: unknown) =>
    measure(name, true, () => invoke(fn, who, action, payload));
  rows.push(await r('home.get (首页 in one call: me and every card, resident)', 'home', 'txsj-resident-3', 'home.get', {}));
  rows.push(await r('home.get (首页 in one call, committee)', 'home', 'txsj-committee', 'home.get', {}));
  rows.push(await r('fees summary (resident 首页 card)', 'fees', 'txsj-resident-3', 'fees.summary', {}));
  rows.push(await r('notices unreadCount (resident)', 'notices', 'txsj-resident-3', 'notices.unreadCount', {}));
  rows.push(await r('activities home card (resident)', 'activities', 'txsj-resident-3', 'activities.home', {}));
  rows.push(await r('activities hours (me)', 'activities', 'txsj-resident-3', 'activities.hours', { scope: 'me' }));
  rows.push(
    await r('activities ranking (亮身份, one compound)', 'activities', 'txsj-resident-3', 'activities.ranking', { compoundId: 'txsj' }),
  );
  rows.push(await r('activities help.list (mine)', 'activities', 'txsj-resident-3', 'help.list', { box: 'mine', size: 20 }));
  rows.push(await r('repairs board (one compound)', 'repairs', 'txsj-resident-3', 'repairs.board', { compoundId: 'txsj' }));
  rows.push(await r('ledger trend (财务公示, one compound)', 'fees', 'txsj-resident-3', 'ledger.trend', { compoundId: 'txsj' }));
  rows.push(await r('ledger donations (one compound)', 'fees', 'txsj-resident-3', 'ledger.donations', { compoundId: 'txsj' }));
  rows.push(await r('votes matters.list (resident)', 'votes', 'txsj-resident-3', 'matters.list', {}));
  rows.push(await r('accounts groups.mine (lead)', 'accounts', 'txsj-lead-3', 'groups.mine', {}));
  return rows;
}
