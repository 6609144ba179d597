/**
 * 首页's 我的房屋 card: the homes I am bound to; while a request waits, its status
 * (等待楼栋长审核 / 已有1人同意，还需1人, from core) instead of the bind button again; for a new
 * resident, the way to bind. People who use the app for work (staff, community
 * workers) without a home here get WorkHomesCard at the bottom instead.
 */
import { View } from '@tarojs/components';
import { RELATION_LABELS } from '@core/platform/roles';
import type { BindRequestView, Me } from '@core/accounts/contract';
import Btn from '@/components/Btn';
import { homeTitle } from '@/utils/format';
import { go } from '@/utils/nav';
import { ROUTES } from '@/routes';

/** What a pending request is waiting for, in the words the applicant sees (core/accounts/rules.ts approvalProgress). */
export function requestStatus(r: Pick<BindRequestView, 'approvalProgress'>): string {
  return r.approvalProgress ?? '等待审核';
}

function Pending({ me }: { me: Me }) {
  return (
    <View className='home-pending'>
      {me.pendingRequests.map((r) => (
        <View key={r.id} className='row row--link home-pending__item' onClick={() => go(ROUTES.homes)}>
          <View className='row__main'>
            <View className='row__title'>{homeTitle(r.home)}</View>
            <View className='row__sub'>{RELATION_LABELS[r.relation]}</View>
          </View>
          <View className='row__side home-pending__status'>{requestStatus(r)}</View>
        </View>
      ))}
    </View>
  );
}

export default function HomesCard({ me }: { me: Me }) {
  if (me.homes.length === 0 && me.pendingRequests.length > 0) {
    return (
      <View className='card home-homes home-homes--pending'>
        <View className='card__title'>绑定申请审核中</View>
        <Pending me={me} />
        <View className='muted'>审核通过后会在这里显示您的房屋，并收到本楼通知。</View>
      </View>
    );
  }
  if (me.homes.length === 0) {
    return (
      <View className='card home__cta'>
        <View className='card__title'>还没有绑定房屋</View>
        <View className='card__sub'>绑定后可以收到本楼的通知。</View>
        <View className='home__cta-actions'>
          <Btn type='primary' block className='home-bind-cta' onClick={() => go(ROUTES.bind)}>
            绑定我的房屋
          </Btn>
        </View>
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
      {me.pendingRequests.length > 0 ? <Pending me={me} /> : null}
    </View>
  );
}

/** For people here for work, without a home in the app: a quiet line at the bottom, not the first card. */
export function WorkHomesCard() {
  return (
    <View className='card home-work-homes'>
      <View className='row row--link home-work-homes__bind' onClick={() => go(ROUTES.bind)}>
        <View className='row__main'>
          <View className='row__title'>也住在小区里？</View>
          <View className='row__sub'>绑定自己的房屋，收到本楼通知</View>
        </View>
      </View>
    </View>
  );
}

/** Holds a role (work) and has neither a home nor a pending request. */
export function hereForWork(me: Me): boolean {
  return me.roles.length > 0 && me.homes.length === 0 && me.pendingRequests.length === 0;
}
