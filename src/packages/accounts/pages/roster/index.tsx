import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { can } from '@core/authz';
import { RELATION_LABELS } from '@core/platform/roles';
import type { CompoundInfo } from '@core/accounts/contract';
import PageShell from '@/components/PageShell';
import StateView, { EmptyView, LoadMore } from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { usePaged } from '@/hooks/usePaged';
import { api, toServiceError } from '@/services/cloud';
import { openSpreadsheet } from '@/services/files';
import { meOrLoad } from '@/store/me';
import { actorOf, compoundTarget, visibleRosterBuildings } from '@/utils/actor';
import './index.scss';

const PAGE_SIZE = 20;
const ROSTER = ['roster.viewMasked', 'roster.viewFull'] as const;

async function loadScope() {
  const [me, compounds] = await Promise.all([meOrLoad(), api('accounts').call('compounds.list', {})]);
  const actor = actorOf(me);
  return {
    buildings: visibleRosterBuildings(actor, compounds),
    exportable: compounds.filter((c) => can(actor, 'roster.export', compoundTarget(c))),
  };
}

export default function RosterPageView() {
  const scope = useRemote(loadScope);
  const [buildingId, setBuildingId] = useState<string | null>(null);
  const roster = usePaged(
    (p) => api('accounts').call('roster.list', p),
    { buildingId: buildingId ?? '', size: PAGE_SIZE },
    { skip: !buildingId },
  );
  const [exporting, setExporting] = useState(false);

  const pick = (bId: string) => setBuildingId(bId);

  // One building in scope (a lead of a single building): open it straight away.
  useEffect(() => {
    const list = scope.data?.buildings;
    if (list && list.length === 1) setBuildingId((current) => current || list[0].building.id);
  }, [scope.data]);

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

  const s = scope.data;
  return (
    <PageShell className='roster'>
      <StateView {...scope.state} permission={ROSTER} permissionAction='查看花名册' denied={!!s && s.buildings.length === 0} />
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

      {buildingId ? (
        <StateView {...roster.state} permission={ROSTER} permissionAction='查看这栋楼的花名册'>
          {roster.page ? (
            <View className='roster-list'>
              <View className='roster__head'>
                <View className='roster__title'>{roster.page.building.name}</View>
                <View className={`tag roster-view roster-view--${roster.page.view}${roster.page.view === 'full' ? '' : ' tag--blue'}`}>
                  {roster.page.view === 'full' ? '完整信息' : '姓名和手机号已遮挡'}
                </View>
                {roster.page.total !== undefined ? <View className='muted'>共 {roster.page.total} 户</View> : null}
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
