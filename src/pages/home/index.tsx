import { View } from '@tarojs/components';
import { RELATION_LABELS, ROLE_LABELS } from '@core/platform/roles';
import PageShell from '../../components/PageShell';
import Loading from '../../components/Loading';
import ErrorView from '../../components/ErrorView';
import Btn from '../../components/Btn';
import { useRemote } from '../../hooks/useRemote';
import { loadMe } from '../../store/me';
import { greeting, homeTitle } from '../../utils/format';
import { go } from '../../utils/nav';
import { ROUTES } from '../../routes';
import { shortcutsFor } from './shortcuts';
import { withNoticeEntry } from '../notices/logic';
import './index.scss';

export default function HomePage() {
  const me = useRemote(loadMe, { refreshOnShow: true });
  const data = me.data;

  return (
    <PageShell className='home'>
      {!data && me.loading ? <Loading /> : null}
      {!data && me.error ? <ErrorView error={me.error} onRetry={me.reload} /> : null}
      {data ? (
        <View>
          <View className='home__hello'>
            <View className='home__greet'>
              {greeting()}，{data.person?.name ?? '邻居'}
            </View>
            {data.roles.length > 0 ? (
              <View className='home__roles'>
                {data.roles.map((r) => (
                  <View key={r.id} className='tag'>
                    {ROLE_LABELS[r.role]} · {r.scopeLabel}
                  </View>
                ))}
              </View>
            ) : null}
          </View>

          {data.homes.length === 0 ? (
            <View className='card home__cta'>
              <View className='card__title'>还没有绑定房屋</View>
              <View className='card__sub'>绑定后可以收到本楼通知、参加活动和表决。</View>
              <View className='home__cta-actions'>
                <Btn type='primary' block className='home-bind-cta' onClick={() => go(ROUTES.bind)}>
                  绑定我的房屋
                </Btn>
              </View>
              {data.pendingRequests.length > 0 ? (
                <View className='home__pending muted'>
                  已提交 {data.pendingRequests.length} 个申请，等待楼栋长审核
                </View>
              ) : null}
            </View>
          ) : (
            <View className='card home-homes'>
              <View className='card__title'>我的房屋</View>
              {data.homes.map((h) => (
                <View key={h.id} className='row row--link home-home' onClick={() => go(ROUTES.homes)}>
                  <View className='row__main'>
                    <View className='row__title'>{homeTitle(h)}</View>
                  </View>
                  <View className='row__side'>{RELATION_LABELS[h.relation]}</View>
                </View>
              ))}
              {data.pendingRequests.length > 0 ? (
                <View className='muted home__pending'>另有 {data.pendingRequests.length} 个绑定申请等待审核</View>
              ) : null}
            </View>
          )}

          {withNoticeEntry(shortcutsFor(data), data).length > 0 ? (
            <View>
              <View className='section-title'>我的工作</View>
              <View className='home__shortcuts'>
                {withNoticeEntry(shortcutsFor(data), data).map((s) => (
                  <View
                    key={s.key}
                    className={`home__shortcut shortcut-${s.key}`}
                    hoverClass='home__shortcut--hover'
                    onClick={() => go(s.url)}
                  >
                    <View className='home__shortcut-label'>{s.label}</View>
                    {'badge' in s && s.badge ? <View className='home__badge'>{s.badge}</View> : null}
                  </View>
                ))}
              </View>
            </View>
          ) : null}
        </View>
      ) : null}
    </PageShell>
  );
}
