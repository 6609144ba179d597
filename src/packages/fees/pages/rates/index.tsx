/**
 * 收费标准: every fee item of the compound with its rate in force, its history (从何月起)
 * and the property manager's pending proposals (the committee 采纳s one). A form sets
 * (committee) or proposes (property manager) a rate from a month on: 物业费 per ㎡ by
 * home type, 停车费 per space, 充电费 per kWh, 固定费用 per home. Money is typed in
 * yuan and converted to integer fen from the string (no float math); bills already
 * issued keep their rate.
 */
import { useRouter } from '@tarojs/taro';
import { can } from '@core/authz';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import { useRemote } from '@/hooks/useRemote';
import { api } from '@/services/cloud';
import { loadMe } from '@/store/me';
import { actorOf } from '@/utils/actor';
import '../../common.scss';
import './index.scss';
import { ItemCard } from './ItemCard';
import { RateForm } from './RateForm';
import { useRateForm } from './useRateForm';

export default function RatesPage() {
  const params = useRouter().params;
  const me = useRemote(loadMe);
  const actor = me.data ? actorOf(me.data) : null;
  const role = me.data?.roles.find(
    (r) =>
      r.compoundId &&
      (!params.compoundId || r.compoundId === params.compoundId) &&
      actor &&
      (can(actor, 'fees.rate.set', { communityId: r.communityId, compoundId: r.compoundId }) ||
        can(actor, 'fees.rate.propose', { communityId: r.communityId, compoundId: r.compoundId })),
  );
  const compoundId = role?.compoundId;
  const sets = !!(actor && role && can(actor, 'fees.rate.set', { communityId: role.communityId, compoundId: role.compoundId }));
  const items = useRemote(() => api('fees').call('fees.items', { compoundId: compoundId! }), [compoundId], { skip: !compoundId });

  const f = useRateForm(compoundId, sets, items.data, () => void items.reload());
  const list = f.list;
  const pending = !!me.data && !role;
  return (
    <PageShell className='fee-rates'>
      <StateView {...me.state} denied={pending} permission={['fees.rate.set', 'fees.rate.propose']} permissionAction='设置或提议收费标准'>
        <StateView
          {...items.state}
          empty={!!items.data && list.length === 0 && { title: '还没有收费项目', text: '在下面设置第一项收费标准。' }}
        />
        {list.map((it) => (
          <ItemCard key={it.code} it={it} now={f.now} sets={sets} busy={f.busy} onAdopt={(p) => void f.adopt(it, p)} />
        ))}
        {role ? <RateForm f={f} sets={sets} /> : null}
      </StateView>
    </PageShell>
  );
}
