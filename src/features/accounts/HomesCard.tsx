/** 首页's 我的房屋 card: the homes I am bound to, or the way to bind one. */
import { View } from '@tarojs/components';
import { RELATION_LABELS } from '@core/platform/roles';
import type { Me } from '@core/accounts/contract';
import Btn from '@/components/Btn';
import { homeTitle } from '@/utils/format';
import { go } from '@/utils/nav';
import { ROUTES } from '@/routes';

export default function HomesCard({ me }: { me: Me }) {
  if (me.homes.length === 0) {
    return (
      <View className='card home__cta'>
        <View className='card__title'>还没有绑定房屋</View>
        <View className='card__sub'>绑定后可以收到本楼通知、参加活动和表决。</View>
        <View className='home__cta-actions'>
          <Btn type='primary' block className='home-bind-cta' onClick={() => go(ROUTES.bind)}>
            绑定我的房屋
          </Btn>
        </View>
        {me.pendingRequests.length > 0 ? (
          <View className='home__pending muted'>已提交 {me.pendingRequests.length} 个申请，等待楼栋长审核</View>
        ) : null}
      </View>
    );
  }
  return (
    <View className='card home-homes'>
      <View className='card__title'>我的房屋</View>
      {me.homes.map((h) => (
        <View key={h.id} className='row row--link home-home' onClick={() => go(ROUTES.homes)}>
          <View className='row__main'>
            <View className='row__title'>{homeTitle(h)}</View>
          </View>
          <View className='row__side'>{RELATION_LABELS[h.relation]}</View>
        </View>
      ))}
      {me.pendingRequests.length > 0 ? <View className='muted home__pending'>另有 {me.pendingRequests.length} 个绑定申请等待审核</View> : null}
    </View>
  );
}
