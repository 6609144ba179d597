/**
 * 本地演示登录 (h5 only; app.config.ts registers this page only for h5). The
 * local runtime sets a cookie for the chosen identity; later API calls carry it.
 */
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import { useRemote } from '@/hooks/useRemote';
import { demoSignIn, listDemoPeople } from '@/services/demo';
import { toServiceError } from '@/services/cloud';
import { setMe } from '@/store/me';
import { ROUTES } from '@/routes';
import { groupByRole, residentTags } from './group';
import './index.scss';

export default function SignInPage() {
  const router = useRouter();
  const people = useRemote(listDemoPeople);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function signIn(who: { openid: string } | { newUser: true }, key: string) {
    setBusy(key);
    setError(null);
    try {
      await demoSignIn(who);
      setMe(null);
      const back = router.params.back ? decodeURIComponent(router.params.back) : ROUTES.home;
      // reLaunch: works for tab and non-tab pages and drops pages loaded as the old identity.
      Taro.reLaunch({ url: back.startsWith(ROUTES.signin) ? ROUTES.home : back });
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <PageShell className='signin'>
      <View className='banner banner--warn signin-banner'>
        本地演示登录：仅用于本机演示和测试，微信小程序正式版中没有这个页面，身份由微信自动识别。
      </View>
      <Btn type='primary' block loading={busy === 'new'} className='signin-new' onClick={() => signIn({ newUser: true }, 'new')}>
        一位新的微信用户
      </Btn>
      {error ? <View className='form-error signin-error'>{error}</View> : null}
      <StateView
        {...people.state}
        empty={!!people.data && people.data.length === 0 && { title: '还没有演示数据', text: '请先运行种子数据脚本。' }}
      />
      {people.data
        ? groupByRole(people.data).map((g) => (
            <View key={g.role} className='signin-group'>
              <View className='section-title signin-group__title'>{g.role}</View>
              <View className='card'>
                {g.people.map((p) => (
                  <View
                    key={p.openid}
                    className={`row row--link signin-person${busy === p.openid ? ' signin-person--busy' : ''}`}
                    onClick={() => !busy && signIn({ openid: p.openid }, p.openid)}
                  >
                    <View className='row__main'>
                      <View className='signin-person__head'>
                        <View className='row__title signin-person__name'>{p.name}</View>
                        {residentTags(p).map((t) => (
                          <View key={t} className='tag tag--grey signin-person__tag'>
                            {t}
                          </View>
                        ))}
                      </View>
                      <View className='row__sub'>
                        {p.homes.length > 0 ? p.homes.join('；') : p.roles.length > 0 ? '工作身份，未绑定房屋' : '未绑定房屋'}
                      </View>
                    </View>
                  </View>
                ))}
              </View>
            </View>
          ))
        : null}
    </PageShell>
  );
}
