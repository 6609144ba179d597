/**
 * 车位与充电: the compound's parking-space register (search by space or room, 出租 to a
 * home from a month, 退租 from a month, 登记车位 by number or range) and EV charging:
 * record a session (home, 电量 in 度 with two decimals, start time) that becomes one
 * bill of the home, and the month's sessions with their amounts. The functions check
 * everything; the page only decides what to show.
 */
import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { can } from '@core/authz';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { loadMe } from '@/store/me';
import { actorOf } from '@/utils/actor';
import '../../common.scss';
import './index.scss';
import { Charging } from './Charging';
import { Spaces } from './Spaces';

export default function ParkingPage() {
  const params = useRouter().params;
  const me = useRemote(loadMe);
  const actor = me.data ? actorOf(me.data) : null;
  const role = me.data?.roles.find(
    (r) =>
      r.compoundId &&
      (!params.compoundId || r.compoundId === params.compoundId) &&
      actor &&
      can(actor, 'fees.parking', { communityId: r.communityId, compoundId: r.compoundId }),
  );
  const compoundId = role?.compoundId ?? '';
  const [tab, setTab] = useState<'spaces' | 'ev'>(params.tab === 'ev' ? 'ev' : 'spaces');

  return (
    <PageShell className='fee-parking'>
      <StateView {...me.state} denied={!!me.data && !role} permission='fees.parking' permissionAction='管理车位出租和充电记录'>
        <Choice
          className='pk-tabs'
          columns={2}
          options={[
            { value: 'spaces', label: '车位出租' },
            { value: 'ev', label: '充电记录' },
          ]}
          value={tab}
          onChange={setTab}
        />
        {compoundId ? tab === 'spaces' ? <Spaces compoundId={compoundId} /> : <Charging compoundId={compoundId} /> : null}
      </StateView>
    </PageShell>
  );
}
