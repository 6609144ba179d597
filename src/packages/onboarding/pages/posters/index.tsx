/**
 * 楼栋海报: one printable A4 page per building — the compound, the building, its
 * mini-program code (opens binding with the building chosen), three lines on how to
 * bind and who approves. 打印 prints them (h5) or opens the codes to save (WeChat),
 * and marks the guide's last step done.
 */
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Image, View } from '@tarojs/components';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import { useRemote } from '@/hooks/useRemote';
import { api, toServiceError } from '@/services/cloud';
import './index.scss';

export default function PostersPage() {
  const compoundId = useRouter().params.compoundId ?? '';
  const sheet = useRemote(() => api('onboarding').call('posters.list', { compoundId }), [compoundId]);
  const [busy, setBusy] = useState(false);
  const s = sheet.data;

  async function print() {
    if (!s) return;
    setBusy(true);
    try {
      await api('onboarding').call('posters.printed', { compoundId: s.compoundId });
      if (process.env.TARO_ENV === 'h5') window.print();
      else await Taro.previewImage({ urls: s.posters.map((p) => p.codeUrl), current: s.posters[0]?.codeUrl });
      Taro.showToast({ title: '已记为打印', icon: 'none' });
    } catch (e) {
      Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <PageShell className='posters'>
      <StateView
        {...sheet.state}
        permission='onboarding.guide'
        permissionAction='打印楼栋海报'
        empty={!!s && s.posters.length === 0 && { title: '本小区还没有楼栋', text: '楼栋由开通时的小区文件建立' }}
      >
        {s ? (
          <View>
            <View className='muted posters-intro'>每栋一张 A4，贴在单元门口或电梯里。住户用微信扫码，就会打开绑定页并选好这栋楼。</View>
            <View className='posters-actions'>
              <Btn type='primary' block className='posters-print' loading={busy} onClick={print}>
                打印全部海报（{s.posters.length} 张）
              </Btn>
            </View>
            {s.posters.map((p) => (
              <View key={p.buildingId} className='poster' data-building={p.buildingId}>
                <View className='poster__compound'>
                  {s.communityName} · {s.compoundName}
                </View>
                <View className='poster__building'>{p.buildingName} 住户绑定</View>
                <Image className='poster__code' src={p.codeUrl} mode='widthFix' />
                <View className='poster__steps'>
                  {p.steps.map((line, i) => (
                    <View key={line} className='poster__step'>
                      {i + 1}. {line}
                    </View>
                  ))}
                </View>
                <View className='poster__approver'>{p.approver}</View>
              </View>
            ))}
          </View>
        ) : null}
      </StateView>
    </PageShell>
  );
}
