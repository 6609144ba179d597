/**
 * 互学案例 (我为群众办实事): what worked in the community's compounds, the office's
 * featured ones first, then the newest. A compound's branch or committee publishes one
 * from here; everyone who organises a compound reads them.
 */
import { scopedGrants } from '@core/authz';
import { View } from '@tarojs/components';
import PageShell from '@/components/PageShell';
import StateView, { LoadMore } from '@/components/StateView';
import Btn from '@/components/Btn';
import { useRemote } from '@/hooks/useRemote';
import { usePaged } from '@/hooks/usePaged';
import { loadMe } from '@/store/me';
import { api } from '@/services/cloud';
import { go } from '@/utils/nav';
import { routePaths } from '@/features/route-table';
import { COMMUNITY_ROUTES } from '@/features/community/routes';
import './index.scss';

const ROUTES = routePaths(COMMUNITY_ROUTES);

export default function CasesPage() {
  const me = useRemote(loadMe);
  const communityId = scopedGrants(me.data?.roles ?? [], 'case.read')[0]?.communityId ?? '';
  const list = usePaged((p) => api('community').call('cases.list', p), { communityId }, { skip: !communityId, refreshOnShow: true });
  const publishAs = list.page?.publishAs ?? [];
  return (
    <PageShell className='community-cases'>
      <StateView
        {...list.state}
        loading={list.state.loading || me.loading}
        denied={!!me.data && !communityId}
        permission='case.read'
        permissionAction='查看互学案例'
        empty={!!list.page && list.items.length === 0 && { title: '还没有案例', text: '小区办成了一件实事，可以写下来给其他小区参考。' }}
      >
        <View className='card'>
          <View className='card__title'>{list.page?.communityName ?? ''}互学案例</View>
          <View className='muted'>我为群众办实事：各小区把办成的事写下来，互相学习。社区精选的排在前面。</View>
          {publishAs.map((c) => (
            <Btn
              key={c.compoundId}
              type='primary'
              block
              className='case-new-open'
              onClick={() => go(`${ROUTES.communityCaseNew}?compoundId=${encodeURIComponent(c.compoundId)}`)}
            >
              为{c.name}发布案例
            </Btn>
          ))}
        </View>
        <View className='card'>
          {list.items.map((c) => (
            <View
              key={c.id}
              className={`row row--link case-row`}
              onClick={() => go(`${ROUTES.communityCase}?id=${encodeURIComponent(c.id)}`)}
            >
              <View className='row__main'>
                <View className='row__title'>
                  {c.title}
                  {c.featured ? <View className='case-featured'>精选</View> : null}
                </View>
                <View className='row__sub'>
                  {c.compoundName} · 来自{c.sourceLabel} · {c.summary}
                </View>
              </View>
            </View>
          ))}
        </View>
        <LoadMore list={list} />
      </StateView>
    </PageShell>
  );
}
