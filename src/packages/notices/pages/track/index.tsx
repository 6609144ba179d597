/**
 * 阅读情况: one notices.summary call — how many homes know (read in the app, or told
 * in person), per building, and opens from WeChat groups. A building row leads to
 * its unread homes. Refreshes when shown again (after marking homes told).
 */
import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { ReadRate } from '@core/notices/contract';
import { NOTICE_STATUS_LABELS } from '@core/notices/rules';
import { canAnywhere } from '@core/authz';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import { useRemote } from '@/hooks/useRemote';
import { groupInfoFromEnter, type GroupInfo } from '@/services/notices';
import { api, toServiceError } from '@/services/cloud';
import { cachedMe } from '@/store/me';
import { actorOf } from '@/utils/actor';
import { ROUTES } from '@/routes';
import { barWidth, knownBreakdown } from '@/packages/notices/logic';
import RemindPanel from '@/packages/notices/components/RemindPanel';
import '@/packages/notices/common.scss';
import './index.scss';

const isWeapp = process.env.TARO_ENV === 'weapp';

function RateBar(props: { r: ReadRate }) {
  const { r } = props;
  const told = r.homes ? (r.told * 100) / r.homes : 0;
  const read = r.homes ? (r.read * 100) / r.homes : 0;
  return (
    <View className='rate-bar'>
      <View className='rate-bar__read' style={{ width: barWidth(read) }} />
      <View className='rate-bar__told' style={{ width: barWidth(told) }} />
    </View>
  );
}

export default function TrackPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const summary = useRemote(() => api('notices').call('notices.summary', { noticeId: id }), [id], { refreshOnShow: true });
  const s = summary.data;

  // 关联微信群: only a lead or branch secretary, only inside WeChat, only when this
  // visit came from a group share card (the group's CloudID proves which group).
  const me = cachedMe();
  const mayLinkBuilding = canAnywhere(actorOf(me), 'group.link');
  const mayLinkOwners = canAnywhere(actorOf(me), 'group.linkOwners');
  const mayLink = mayLinkBuilding || mayLinkOwners;
  const [groupInfo, setGroupInfo] = useState<GroupInfo | undefined>(undefined);
  const [linking, setLinking] = useState<string | null>(null);
  useEffect(() => {
    if (isWeapp && mayLink) void groupInfoFromEnter().then(setGroupInfo);
  }, [mayLink]);

  /** Link the group this visit came from, as a building's 楼栋群 or a compound's 业主群. */
  async function link(to: { buildingId: string } | { compoundId: string }) {
    setLinking('buildingId' in to ? to.buildingId : to.compoundId);
    try {
      // A CloudID is single use: fetch a fresh one for this tap.
      const info = (await groupInfoFromEnter()) ?? groupInfo;
      if (!info) throw new Error('no group');
      const name =
        'buildingId' in to
          ? `${(await api('notices').call('groups.link', { buildingId: to.buildingId, groupInfo: info })).buildingName}楼栋群`
          : (await api('notices').call('groups.linkOwners', { compoundId: to.compoundId, groupInfo: info })).name;
      void Taro.showToast({ title: `已关联为${name}`, icon: 'success' });
      void summary.reload();
    } catch (e) {
      void Taro.showToast({
        title: e instanceof Error && e.message === 'no group' ? '请从微信群里打开通知后再关联' : toServiceError(e).message,
        icon: 'none',
      });
    } finally {
      setLinking(null);
    }
  }

  const openBuilding = (b: { buildingId: string; buildingName: string }, inPerson = false) =>
    Taro.navigateTo({
      url: `${ROUTES.noticeUnread}?id=${encodeURIComponent(id)}&buildingId=${encodeURIComponent(b.buildingId)}&name=${encodeURIComponent(b.buildingName)}${inPerson ? '&inperson=1' : ''}`,
    });

  if (!s) {
    return (
      <PageShell className='notice-track'>
        <StateView {...summary.state} permission='notice.track' permissionAction='查看通知的阅读情况' />
      </PageShell>
    );
  }

  const t = s.total;
  const linkable = mayLinkBuilding ? s.buildings : [];
  const ownersLinkable = mayLinkOwners ? s.compounds : [];
  return (
    <PageShell className='notice-track'>
      <View className='card track-head'>
        <View className='track-head__title'>{s.title}</View>
        {s.status !== 'published' ? <View className='tag tag--grey'>{NOTICE_STATUS_LABELS[s.status]}</View> : null}
        <View className='track-total'>
          <View className='track-total__big'>
            {t.reached}
            <View className='track-total__of'> / {t.homes} 户已知晓</View>
          </View>
          <View className='track-total__line'>{knownBreakdown(t)}</View>
        </View>
        <RateBar r={t} />
        <View className='legend'>
          <View>
            <View className='legend__dot legend__dot--read' />
            已读 {t.readRate}%
          </View>
          <View>
            <View className='legend__dot legend__dot--told' />
            当面告知
          </View>
          <View>
            <View className='legend__dot legend__dot--unread' />
            未读
          </View>
          <View className='track-head__reached'>共知晓 {t.reachedRate}%</View>
        </View>
        <View className='muted track-head__readers'>共有 {s.readers} 人打开过这条通知</View>
        {s.version > 1 ? (
          <View className='note track-head__versions'>
            {s.readFromVersion === s.version
              ? `这是需要重新阅读的更正（第${s.version}版）：只统计这一版的阅读和当面告知。`
              : `这是更正后的第${s.version}版：读过或当面告知过之前版本的住户仍算已知晓。`}
          </View>
        ) : null}
      </View>

      {s.status === 'published' ? (
        <RemindPanel
          noticeId={id}
          scopeLabel={s.buildings.length > 1 ? `全部 ${s.buildings.length} 栋的未读住户` : '未读住户'}
          onInPerson={() => {
            const first = s.buildings.find((b) => b.unread > 0);
            if (first) openBuilding(first, true);
          }}
        />
      ) : null}

      <View className='section-title'>各楼栋（点一栋查看未读住户）</View>
      {s.buildings.map((b) => (
        <View key={b.buildingId} className='card track-building' hoverClass='track-building--hover' onClick={() => openBuilding(b)}>
          <View className='track-building__head'>
            <View className='track-building__name'>{b.buildingName}</View>
            <View className={`track-building__rate${b.unread === 0 ? ' track-building__rate--done' : ''}`}>
              {b.unread === 0 ? '全部知晓' : `已知晓 ${b.reachedRate}%`}
            </View>
          </View>
          <RateBar r={b} />
          <View className='track-building__counts'>
            已读 {b.read} · 当面告知 {b.told} · <View className='track-building__unread'>未读 {b.unread}</View> · 共 {b.homes} 户
          </View>
          <View className='track-building__more'>查看未读住户 ›</View>
        </View>
      ))}

      <View className='section-title'>微信群</View>
      <View className='card track-groups'>
        {s.groups.length === 0 && s.unlinkedGroupOpens === 0 ? <View className='muted'>还没有人从微信群打开这条通知。</View> : null}
        {s.groups.map((g) => (
          <View key={g.openGId} className='row track-group'>
            <View className='row__main'>
              <View className='row__title'>{g.name}</View>
            </View>
            <View className='row__side'>{g.opens} 人从群里打开</View>
          </View>
        ))}
        {s.unlinkedGroupOpens > 0 ? (
          <View className='row track-group'>
            <View className='row__main'>
              <View className='row__title'>未关联的群</View>
            </View>
            <View className='row__side'>{s.unlinkedGroupOpens} 人从群里打开</View>
          </View>
        ) : null}
      </View>

      {mayLink ? (
        <View className='card track-link'>
          <View className='card__title'>关联微信群</View>
          <View className='note'>
            把通知“分享到群”发进业主群或本楼的微信群，再在群里点开这条通知，就可以把这个群关联为业主群或楼栋群。关联后，这里会显示每个群有多少人打开了通知。
          </View>
          {isWeapp && groupInfo ? (
            <View className='stack track-link__actions'>
              {ownersLinkable.map((c) => (
                <Btn
                  key={c.compoundId}
                  block
                  type='ghost'
                  loading={linking === c.compoundId}
                  className='track-link-btn'
                  onClick={() => link({ compoundId: c.compoundId })}
                >
                  把这个群关联为{c.name}业主群
                </Btn>
              ))}
              {linkable.map((b) => (
                <Btn
                  key={b.buildingId}
                  block
                  type='ghost'
                  loading={linking === b.buildingId}
                  className='track-link-btn'
                  onClick={() => link({ buildingId: b.buildingId })}
                >
                  把这个群关联为{b.buildingName}楼栋群
                </Btn>
              ))}
            </View>
          ) : (
            <View className='note track-link__hint'>
              {isWeapp ? '现在不是从微信群打开的，请到楼栋群里点开通知后再来这里。' : '（本地演示：关联微信群仅在微信中可用）'}
            </View>
          )}
        </View>
      ) : null}
    </PageShell>
  );
}
