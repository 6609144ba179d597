import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { can } from '@core/authz';
import { RELATION_LABELS } from '@core/platform/roles';
import type { CompoundInfo, RosterPage } from '@core/accounts/contract';
import PageShell from '../../../../components/PageShell';
import Loading from '../../../../components/Loading';
import ErrorView from '../../../../components/ErrorView';
import Empty from '../../../../components/Empty';
import Btn from '../../../../components/Btn';
import Choice from '../../../../components/Choice';
import { useRemote } from '../../../../hooks/useRemote';
import { accounts } from '../../../../services/accounts';
import { toServiceError, type ServiceError } from '../../../../services/cloud';
import { openSpreadsheet } from '../../../../services/files';
import { meOrLoad } from '../../../../store/me';
import { actorOf, compoundTarget, visibleRosterBuildings } from '../../../../utils/actor';
import './index.scss';

const PAGE_SIZE = 20;

async function loadScope() {
  const [me, compounds] = await Promise.all([meOrLoad(), accounts.compounds()]);
  const actor = actorOf(me);
  return {
    buildings: visibleRosterBuildings(actor, compounds),
    exportable: compounds.filter((c) => can(actor, 'roster.export', compoundTarget(c))),
  };
}

export default function RosterPageView() {
  const scope = useRemote(loadScope);
  const [buildingId, setBuildingId] = useState<string | null>(null);
  const [roster, setRoster] = useState<RosterPage | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ServiceError | null>(null);
  const [exporting, setExporting] = useState(false);

  async function load(bId: string, cursor?: string) {
    setLoading(true);
    setError(null);
    try {
      const page = await accounts.roster({ buildingId: bId, size: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
      setRoster((prev) => (cursor && prev ? { ...page, items: [...prev.items, ...page.items] } : page));
    } catch (e) {
      setError(toServiceError(e));
    } finally {
      setLoading(false);
    }
  }

  function pick(bId: string) {
    setBuildingId(bId);
    setRoster(null);
    void load(bId);
  }

  // One building in scope (a lead of a single building): open it straight away.
  useEffect(() => {
    const list = scope.data?.buildings;
    if (list && list.length === 1 && !buildingId) pick(list[0].building.id);
  }, [scope.data]);

  async function exportCompound(c: CompoundInfo) {
    setExporting(true);
    try {
      const file = await accounts.exportRoster(c.id);
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
      {!s && scope.loading ? <Loading /> : null}
      {!s && scope.error ? <ErrorView error={scope.error} onRetry={scope.reload} /> : null}
      {s && s.buildings.length === 0 ? <Empty title='没有可查看的花名册' text='楼栋长、业委会和物业可以查看花名册。' /> : null}
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

      {buildingId && !roster && loading ? <Loading /> : null}
      {buildingId && !roster && error ? <ErrorView error={error} onRetry={() => load(buildingId)} /> : null}
      {roster ? (
        <View className='roster-list'>
          <View className='roster__head'>
            <View className='roster__title'>{roster.building.name}</View>
            <View className={`tag roster-view roster-view--${roster.view}${roster.view === 'full' ? '' : ' tag--blue'}`}>
              {roster.view === 'full' ? '完整信息' : '姓名和手机号已遮挡'}
            </View>
            {roster.total !== undefined ? <View className='muted'>共 {roster.total} 户</View> : null}
          </View>
          {roster.items.length === 0 ? <Empty title='这栋楼还没有房屋数据' text='业委会或物业可以导入花名册。' /> : null}
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
          {roster.nextCursor ? (
            <View className='load-more'>
              <Btn loading={loading} className='roster-more' onClick={() => load(roster.building.id, roster.nextCursor)}>
                加载更多
              </Btn>
            </View>
          ) : null}
        </View>
      ) : null}
    </PageShell>
  );
}
