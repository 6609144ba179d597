/**
 * 开通指引: the first-run guide of a compound for its first committee member (or the
 * community worker, where there is no committee). Five steps, each done or not, the
 * next one marked; each step opens the page that already does it (导入花名册, 角色管理,
 * 邀请码, 收费标准, 发通知 to link a group, 楼栋海报).
 */
import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { GuideStepKey } from '@core/onboarding/rules';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { api } from '@/services/cloud';
import { go } from '@/utils/nav';
import { ROUTES } from '@/routes';
import StandIn from './StandIn';
import './index.scss';

/** Where each step is done: pages that exist already. */
function linksOf(key: GuideStepKey, compoundId: string): { label: string; url: string; className: string }[] {
  switch (key) {
    case 'import':
      return [{ label: '导入花名册', url: ROUTES.import, className: 'guide-go-import' }];
    case 'people':
      return [
        { label: '角色管理', url: ROUTES.roles, className: 'guide-go-roles' },
        { label: '邀请物业员工', url: ROUTES.invites, className: 'guide-go-invites' },
      ];
    case 'rates':
      return [{ label: '收费标准', url: `${ROUTES.feeRates}?compoundId=${compoundId}`, className: 'guide-go-rates' }];
    case 'groups':
      return [{ label: '发通知并转发到群', url: ROUTES.noticePost, className: 'guide-go-groups' }];
    case 'posters':
      return [{ label: '楼栋海报', url: `${ROUTES.posters}?compoundId=${compoundId}`, className: 'guide-go-posters' }];
  }
}

const HINTS: Partial<Record<GuideStepKey, string>> = {
  people: '小区党支部书记和物业经理由社区工作人员任命；没有书记时，业委会可先任命楼栋长。记账员由业委会任命，物业员工用邀请码加入。',
  groups: '把一条通知转发到业主群或楼栋群，在群里点开它，再打开「阅读情况」，即可把这个群关联为业主群或楼栋群。',
};

export default function GuidePage() {
  const params = useRouter().params;
  const [compoundId, setCompoundId] = useState<string | undefined>(params.compoundId || undefined);
  const guide = useRemote(() => api('onboarding').call('guide.get', compoundId ? { compoundId } : {}), [compoundId], {
    refreshOnShow: true,
  });
  const g = guide.data;

  return (
    <PageShell className='guide'>
      <StateView {...guide.state} permission='onboarding.guide' permissionAction='查看开通指引'>
        {g ? (
          <View>
            {g.compounds.length > 1 ? (
              <View>
                <View className='section-title'>选择小区</View>
                <Choice
                  className='guide-compounds'
                  columns={2}
                  options={g.compounds.map((c) => ({ value: c.id, label: c.name }))}
                  value={g.compound.id}
                  onChange={setCompoundId}
                />
              </View>
            ) : null}
            <View className='section-title guide-compound'>{g.compound.name} 开通指引</View>
            {g.standIn ? <StandIn compoundId={g.compound.id} standIn={g.standIn} onChanged={guide.reload} /> : null}
            {g.complete ? <View className='guide-banner guide-complete'>五步都已完成，住户扫楼道里的海报就能绑定房屋了。</View> : null}
            {g.steps.map((s, i) => (
              <View
                key={s.key}
                className={`card guide-step guide-step-${s.key}${s.done ? ' guide-step--done' : ''}${s.next ? ' guide-step--next' : ''}`}
              >
                <View className='guide-step__head'>
                  <View className='guide-step__no'>{s.done ? '✓' : i + 1}</View>
                  <View className='guide-step__title'>{s.title}</View>
                  <View className='guide-step__state'>{s.done ? '已完成' : s.next ? '下一步' : '未完成'}</View>
                </View>
                <View className='muted guide-step__summary'>{s.summary}</View>
                {s.items.length > 1
                  ? s.items.map((it) => (
                      <View key={it.label} className={`guide-item${it.done ? ' guide-item--done' : ''}`}>
                        {it.done ? '✓ ' : '○ '}
                        {it.label}
                      </View>
                    ))
                  : null}
                {HINTS[s.key] ? <View className='muted'>{HINTS[s.key]}</View> : null}
                <View className='guide-step__links'>
                  {linksOf(s.key, g.compound.id).map((l) => (
                    <Btn key={l.url} type={s.next ? 'primary' : 'default'} className={l.className} onClick={() => go(l.url)}>
                      {l.label}
                    </Btn>
                  ))}
                </View>
              </View>
            ))}
          </View>
        ) : null}
      </StateView>
    </PageShell>
  );
}
