/** 我的挪车提醒: what I asked and where each stands; the plate masked, nothing about the owner. */
import { View } from '@tarojs/components';
import PageShell from '@/components/PageShell';
import StateView, { LoadMore } from '@/components/StateView';
import Btn from '@/components/Btn';
import { usePaged } from '@/hooks/usePaged';
import { api } from '@/services/cloud';
import { go } from '@/utils/nav';
import { formatDateTime } from '@/utils/format';
import { URL, openMove } from '../../logic';
import '../../common.scss';

export default function MyMoveRequestsPage() {
  const list = usePaged((p) => api('vehicles').call('vehicles.myRequests', p), { size: 20 }, { refreshOnShow: true });
  return (
    <PageShell className='move-mine'>
      <Btn type='primary' block className='move-new' onClick={() => go(URL.moveRequest)}>
        发送挪车提醒
      </Btn>
      <View style={{ height: '20px' }} />
      <StateView {...list.state} empty={list.items.length === 0 && { title: '还没有发过挪车提醒' }}>
        {list.items.map((m) => (
          <View key={m.id} className='card row row--link move-item' onClick={() => openMove(m.id)}>
            <View className='row__main'>
              <View className='row__title'>
                {m.plateMasked} · {m.reason}
              </View>
              <View className='row__sub'>{formatDateTime(m.createdAt)}</View>
            </View>
            <View className={`row__side move-status--${m.status}`}>{m.statusLabel}</View>
          </View>
        ))}
        <LoadMore list={list} />
      </StateView>
      <View className='move-note'>提醒保存30天后自动删除。</View>
    </PageShell>
  );
}
