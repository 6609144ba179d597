/**
 * 示范创建: every compound's 六有 scorecard of the month (the model first): whether it
 * assessed itself, how many items count, its score and the 互评 it received and gave.
 * The weights are the community's; a row opens its scorecard with the evidence.
 */
import { scopedGrants } from '@core/authz';
import { View } from '@tarojs/components';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import { useRemote } from '@/hooks/useRemote';
import { loadMe } from '@/store/me';
import { api } from '@/services/cloud';
import { go } from '@/utils/nav';
import { routePaths } from '@/features/route-table';
import { COMMUNITY_ROUTES } from '@/features/community/routes';
import CriteriaForm from '../../CriteriaForm';
import './index.scss';

const ROUTES = routePaths(COMMUNITY_ROUTES);

export default function ScorecardsPage() {
  const me = useRemote(loadMe);
  const communityId = scopedGrants(me.data?.roles ?? [], 'scorecard.view')[0]?.communityId ?? '';
  const list = useRemote(() => api('community').call('scorecards.list', { communityId }), [communityId], {
    skip: !communityId,
    refreshOnShow: true,
  });
  const d = list.data;
  const mine = new Set(d?.mine.map((m) => m.compoundId) ?? []);
  const itemWeight = d ? Object.values(d.criteria.items).reduce((s, w) => s + w, 0) : 0;
  const figureWeight = d ? Object.values(d.criteria.figures).reduce((s, w) => s + w, 0) : 0;
  return (
    <PageShell className='community-scorecards'>
      <StateView
        {...list.state}
        loading={list.state.loading || me.loading}
        denied={!!me.data && !communityId}
        permission='scorecard.view'
        permissionAction='查看示范创建评分'
      >
        {d ? (
          <View>
            <View className='card'>
              <View className='card__title'>
                {d.communityName} · {d.period} 月示范创建
              </View>
              <View className='muted'>
                评分办法：六有每项须自评"有"并附照片，互评多数不认可则不计分（{itemWeight}
                分）；通知知晓率、收缴率、账目公示、民情答复率按本月数据折算（
                {figureWeight}分）。没有数据或样本太少的指标不计入，满分相应减少，最后折算成百分制。
              </View>
            </View>
            {d.canSetCriteria ? <CriteriaForm list={d} onSaved={(l) => list.setData(() => l)} /> : null}
            <View className='card'>
              {d.rows.map((r) => (
                <View
                  key={r.compoundId}
                  className={`row row--link sc-row sc-row-${r.compoundId}`}
                  onClick={() => go(`${ROUTES.communityScorecard}?compoundId=${encodeURIComponent(r.compoundId)}&period=${d.period}`)}
                >
                  <View className='row__main'>
                    <View className='row__title'>
                      {r.name}
                      {r.model ? <View className='cm-model'>示范</View> : null}
                      {mine.has(r.compoundId) ? <View className='cm-model'>本小区</View> : null}
                    </View>
                    <View className='row__sub'>
                      {r.assessed ? `六有达标 ${r.itemsMet}/6` : '尚未自评'} · 收到互评 {r.received} · 给出互评 {r.given}
                      {r.ratedByMine ? ' · 已互评' : ''}
                    </View>
                  </View>
                  <View className='row__side sc-score'>{r.score === null ? '暂无' : `${r.score} 分`}</View>
                </View>
              ))}
            </View>
          </View>
        ) : null}
      </StateView>
    </PageShell>
  );
}
