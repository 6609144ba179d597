/** 我的报修: what I reported and what is reported for my home, newest first, with what comes next. */
import { useState } from 'react';
import { View } from '@tarojs/components';
import PageShell from '@/components/PageShell';
import StateView, { LoadMore } from '@/components/StateView';
import Btn from '@/components/Btn';
import { usePaged } from '@/hooks/usePaged';
import { api } from '@/services/cloud';
import { go } from '@/utils/nav';
import RepairRow from '../../components/RepairRow';
import { REPAIR_URLS } from '../../logic';
import '../../common.scss';

export default function MyRepairsPage() {
  const [open, setOpen] = useState(false);
  const list = usePaged((p) => api('repairs').call('repairs.mine', p), { open, size: 20 }, { refreshOnShow: true });
  return (
    <PageShell className='repair-mine'>
      <Btn type='primary' block className='repair-new' onClick={() => go(REPAIR_URLS.repairReport)}>
        我要报修
      </Btn>
      <View className='repair-filters' style={{ marginTop: '20px' }}>
        <View className={`repair-filter${open ? '' : ' repair-filter--on'}`} onClick={() => setOpen(false)}>
          全部
        </View>
        <View className={`repair-filter${open ? ' repair-filter--on' : ''}`} onClick={() => setOpen(true)}>
          进行中
        </View>
      </View>
      <StateView
        {...list.state}
        empty={list.items.length === 0 && { title: '还没有报修', text: '家里或楼里有东西坏了，点上面的“我要报修”。' }}
      >
        {list.items.map((r) => (
          <RepairRow key={r.id} r={r} showNext />
        ))}
        <LoadMore list={list} />
      </StateView>
    </PageShell>
  );
}
