import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { RELATION_LABELS } from '@core/platform/roles';
import type { CompoundInfo, RosterScope } from '@core/accounts/contract';
import PageShell from '@/components/PageShell';
import StateView, { EmptyView, LoadMore } from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { usePaged } from '@/hooks/usePaged';
import { useKept } from '@/hooks/useKept';
import { api, toServiceError } from '@/services/cloud';
import { openSpreadsheet } from '@/services/files';
import './index.scss';

const PAGE_SIZE = 20;
const ROSTER = ['roster.viewMasked', 'roster.viewFull'] as const;

export default function RosterPageView() {
  // One call: without a pick, roster.list brings the buildings I may see (and opens the only one).
  const [picked, setPicked] = useState<string | null>(null);
  const roster = usePaged((p) => api('accounts').call('roster.list', p), { ...(picked ? { buildingId: picked } : {}), size: PAGE_SIZE });
  const [exporting, setExporting] = useState(false);
  const s = useKept<RosterScope | undefined>(roster.page?.scope, undefined);
  const shown = roster.page?.building ? roster.page : null;
  const buildingId = picked ?? shown?.building.id ?? null;
  const pick = (bId: string) => setPicked(bId);

  async function exportCompound(c: CompoundInfo) {
    setExporting(true);
    try {
      const file = await api('accounts').call('roster.export', { compoundId: c.id });
      await openSpreadsheet(file.url);
    } catch (e) {
      Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setExporting(false);
    }
  }

  return (
    <PageShell className='roster'>
      <StateView
        {...(s ? { loading: false, error: undefined, onRetry: roster.refresh } : roster.state)}
        permission={ROSTER}
        permissionAction='查看花名册'
      />
      {s && s.buildings.length > 0 ? (
        <View>
          <View className='section-title'>选择楼栋</View>
          <Choice
            className='roster-buildings'
            columns={3}
            options={s.buildings.map((b) => ({
              value: b.building.id,
              label: b.building.name,
              hint: s.buildings.some((o) => o.compound.id !== b.compound.id) ? b.compound.name : undefined,
            }))}
            value={buildingId}
            onChange={pick}
          />
          {s.exportable.map((c) => (
            <View key={c.id} className='roster__export'>
              <Btn type='ghost' block loading={exporting} className='roster-export' onClick={() => exportCompound(c)}>
                导出{c.name}花名册（Excel）
              </Btn>
            </View>
          ))}
        </View>
      ) : null}

      {buildingId && s ? (
        <StateView {...roster.state} permission={ROSTER} permissionAction='查看这栋楼的花名册'>
          {shown ? (
            <View className='roster-list'>
              <View className='roster__head'>
                <View className='roster__title'>{shown.building.name}</View>
                <View className={`tag roster-view roster-view--${shown.view}${shown.view === 'full' ? '' : ' tag--blue'}`}>
                  {shown.view === 'full' ? '完整信息' : '姓名和手机号已遮挡'}
                </View>
                {shown.total !== undefined ? <View className='muted'>共 {shown.total} 户</View> : null}
              </View>
              {roster.items.length === 0 ? <EmptyView title='这栋楼还没有房屋数据' text='业委会或物业可以导入花名册。' /> : null}
              {roster.items.map((h) => (
                <View key={h.home.id} className='card roster-home'>
                  <View className='card__title'>{h.home.label}</View>
                  <View className='roster-home__line'>
                    <View className='roster-home__key'>登记业主</View>
                    <View className='roster-home__val'>
                      {h.registeredOwners.length > 0
                        ? h.registeredOwners.map((o) => `${o.name}${o.phone ? ' ' + o.phone : ''}`).join('；')
                        : '未登记'}
                    </View>
                  </View>
                  <View className='roster-home__line'>
                    <View className='roster-home__key'>已绑定</View>
                    <View className='roster-home__val'>
                      {h.members.length > 0
                        ? h.members.map((m) => `${m.name}（${RELATION_LABELS[m.relation]}）${m.phone ? ' ' + m.phone : ''}`).join('；')
                        : '暂无'}
                    </View>
                  </View>
                </View>
              ))}
              <LoadMore list={roster} className='roster-more' />
            </View>
          ) : null}
        </StateView>
      ) : null}
    </PageShell>
  );
}
