import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { RELATION_LABELS } from '@core/platform/roles';
import { sceneBuilding } from '@core/platform/links';
import PageShell from '@/components/PageShell';
import Btn from '@/components/Btn';
import { go } from '@/utils/nav';
import { ROUTES } from '@/routes';
import './index.scss';
import { RedeemInvite } from './RedeemInvite';
import { PickHome, type Done } from './PickHome';

type Mode = 'pick' | 'invite';

export default function BindPage() {
  // `back`: the page that sent the person here (e.g. a notice they could not open yet).
  const params = useRouter().params;
  const back = decodeURIComponent(params.back ?? '');
  // An invite shared into a group opens here with its code filled in.
  const sharedCode = decodeURIComponent(params.code ?? '');
  // A building poster's mini-program code opens here with `scene` b=<buildingId>: that building is chosen.
  const posterBuilding = sceneBuilding(params.scene);
  const [mode, setMode] = useState<Mode>(sharedCode ? 'invite' : 'pick');
  const [done, setDone] = useState<Done | null>(null);

  if (done) {
    return (
      <PageShell className='bind'>
        <View className='card bind-done'>
          <View className='bind-done__icon'>✓</View>
          {done.kind === 'requested' ? (
            <View>
              <View className='bind-done__title'>已提交，{done.request.approvalProgress ?? '等待审核'}</View>
              <View className='bind-done__text'>
                {done.request.home.compoundName} {done.request.home.label}（{RELATION_LABELS[done.request.relation]}）
              </View>
              <View className='muted'>审核通过后即可收到本楼通知。</View>
            </View>
          ) : done.kind === 'staff' ? (
            <View>
              <View className='bind-done__title'>已加入物业</View>
              <View className='bind-done__text'>
                {done.role.scopeLabel} {done.role.label}
              </View>
            </View>
          ) : (
            <View>
              <View className='bind-done__title'>绑定成功</View>
              <View className='bind-done__text'>
                {done.home.compoundName} {done.home.label}（{RELATION_LABELS[done.home.relation]}）
              </View>
            </View>
          )}
          <View className='actions'>
            <Btn onClick={() => go(ROUTES.homes)}>查看我的房屋</Btn>
            {back.startsWith('/') ? (
              <Btn type='primary' className='bind-back' onClick={() => Taro.redirectTo({ url: back })}>
                返回刚才的页面
              </Btn>
            ) : (
              <Btn type='primary' onClick={() => go(ROUTES.home)}>
                返回首页
              </Btn>
            )}
          </View>
        </View>
      </PageShell>
    );
  }

  return (
    <PageShell className='bind'>
      <View className='bind__modes'>
        <View className={`bind__mode bind-mode-pick${mode === 'pick' ? ' bind__mode--on' : ''}`} onClick={() => setMode('pick')}>
          选择房屋申请
        </View>
        <View className={`bind__mode bind-mode-invite${mode === 'invite' ? ' bind__mode--on' : ''}`} onClick={() => setMode('invite')}>
          使用邀请码
        </View>
      </View>
      {mode === 'pick' ? <PickHome onDone={setDone} buildingId={posterBuilding} /> : <RedeemInvite code={sharedCode} onDone={setDone} />}
    </PageShell>
  );
}
