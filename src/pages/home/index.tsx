/**
 * 首页: a greeting, the cards features register (features/<f>/entries.ts
 * homeCards: today 我的房屋), and 我的工作, the shortcuts the person's roles allow.
 * One call (home.get) brings `me` and every card's data, composed on the server; the
 * kept `me` is refreshed from it (README: one call before first content).
 */
import { View } from '@tarojs/components';
import { ROLE_LABELS } from '@core/platform/roles';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import { useRemote } from '@/hooks/useRemote';
import { homeCardsFor, shortcutsFor } from '@/features';
import { api } from '@/services/cloud';
import { setMe } from '@/store/me';
import { greeting } from '@/utils/format';
import { go } from '@/utils/nav';
import './index.scss';

const FOOTER_ORDER = 90;

export default function HomePage() {
  const home = useRemote(
    async () => {
      const v = await api('home').call('home.get', {});
      setMe(v.me);
      return v;
    },
    [],
    { refreshOnShow: true },
  );
  const data = home.data?.me;
  const homeCards = home.data?.cards;
  const shortcuts = data ? shortcutsFor(data) : [];
  const cards = data ? homeCardsFor(data) : [];
  // Cards of order ≥ 90 are footnotes (e.g. "也住在小区里？" for staff): after 我的工作.
  const top = cards.filter((c) => c.order < FOOTER_ORDER);
  const bottom = cards.filter((c) => c.order >= FOOTER_ORDER);

  return (
    <PageShell className='home'>
      <StateView {...home.state}>
        {data && homeCards ? (
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

            {top.map((c) => (
              <View key={c.key} className={`home-card home-card--${c.key}`}>
                <c.Component me={data} cards={homeCards} />
              </View>
            ))}

            {shortcuts.length > 0 ? (
              <View className='home-work'>
                <View className='section-title'>我的工作</View>
                <View className='home__shortcuts'>
                  {shortcuts.map((s) => (
                    <View
                      key={s.key}
                      className={`home__shortcut shortcut-${s.key}`}
                      hoverClass='home__shortcut--hover'
                      onClick={() => go(s.url)}
                    >
                      <View className='home__shortcut-label'>{s.label}</View>
                      {s.badge ? <View className='home__badge'>{s.badge}</View> : null}
                    </View>
                  ))}
                </View>
              </View>
            ) : null}

            {bottom.map((c) => (
              <View key={c.key} className={`home-card home-card--${c.key}`}>
                <c.Component me={data} cards={homeCards} />
              </View>
            ))}
          </View>
        ) : null}
      </StateView>
    </PageShell>
  );
}
