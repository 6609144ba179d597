/**
 * 党员名册 (the branch secretary): the members now, or those whose membership ended
 * (kept with their dates; their visit counts stay in the reports). 添加党员 picks a
 * bound resident or keeps a name only; 修改 changes the duty (or links a name to the
 * person); 结束 ends a membership: the households go back to 包联分配.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { scopedGrants } from '@core/authz';
import type { RosterMember, RosterPage } from '@core/party/contract';
import PageShell from '@/components/PageShell';
import StateView, { LoadMore } from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { usePaged } from '@/hooks/usePaged';
import { useRemote } from '@/hooks/useRemote';
import { api, toServiceError } from '@/services/cloud';
import { confirmAction } from '@/store/confirm';
import { loadMe } from '@/store/me';
import { go } from '@/utils/nav';
import MemberSheet from '../../MemberSheet';
import { URL } from '../../logic';
import '../../common.scss';

function Member(props: { m: RosterMember; onEdit: () => void; onEnd: () => void }) {
  const { m } = props;
  const sub = m.endedAt
    ? `${m.joinedAt} 入册 · ${m.endedAt} 结束`
    : [m.bound ? `包联 ${m.households} 户` : '未使用小程序，只记姓名', ...m.homes, `${m.joinedAt} 入册`].join(' · ');
  return (
    <View className='row party-member'>
      <View className='row__main'>
        <View className='row__title'>
          {m.name}
          {m.duty !== '党员' ? <View className='party-badge'>{m.duty}</View> : null}
        </View>
        <View className='row__sub'>{sub}</View>
      </View>
      {!m.canChange ? null : (
        <View className='party-actions'>
          <Btn size='small' className='party-member-edit' onClick={props.onEdit}>
            修改
          </Btn>
          <Btn size='small' className='party-member-end' onClick={props.onEnd}>
            结束
          </Btn>
        </View>
      )}
    </View>
  );
}

export default function PartyMembersPage() {
  const me = useRemote(loadMe);
  const compoundId = scopedGrants(me.data?.roles ?? [], 'party.manage')[0]?.compoundId ?? '';
  const [status, setStatus] = useState<'active' | 'ended'>('active');
  const [sheet, setSheet] = useState<{ member?: RosterMember } | null>(null);
  const list = usePaged<{ compoundId: string; status: 'active' | 'ended'; size: number }, RosterPage>(
    (p) => api('party').call('party.members', p),
    { compoundId, status, size: 20 },
    { skip: !compoundId },
  );
  const d = list.page;

  async function end(m: RosterMember) {
    const ok = await confirmAction({
      title: '结束组织关系',
      content: `${m.name}将移出本支部名册（记录保留，走访统计不变）。${m.households ? `其包联的 ${m.households} 户将回到“未分配”。` : ''}`,
      confirmText: '结束',
      cancelText: '再想想',
    });
    if (!ok) return;
    try {
      await api('party').call('party.saveMember', { op: 'end', memberId: m.id });
      void Taro.showToast({ title: '已结束', icon: 'success' });
      void list.refresh();
    } catch (e) {
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    }
  }

  return (
    <PageShell className='party-members'>
      <StateView
        {...list.state}
        loading={me.loading || (list.loading && !!compoundId)}
        denied={!!me.data && !compoundId}
        permission='party.manage'
        permissionAction='管理党员名册'
      >
        <View className='card'>
          <View className='card__title'>
            {d?.compoundName ?? ''}党支部名册（在册 {d?.active ?? 0} 名）
          </View>
          <Choice
            className='party-member-status'
            columns={2}
            options={[
              { value: 'active', label: '在册党员' },
              { value: 'ended', label: '已结束' },
            ]}
            value={status}
            onChange={setStatus}
          />
          <View className='party-actions'>
            <Btn type='primary' className='party-member-add' onClick={() => setSheet({})}>
              添加党员
            </Btn>
            <Btn className='party-member-assign' onClick={() => go(URL.partyAssign)}>
              包联分配
            </Btn>
          </View>
          <View className='party-note'>只记党员姓名和职务；未使用小程序的党员不记电话，绑定房屋后可关联到本人。</View>
        </View>
        <View className='card party-member-list'>
          {list.items.length === 0 ? (
            <View className='party-muted'>{status === 'active' ? '名册里还没有党员。' : '没有已结束的记录。'}</View>
          ) : null}
          {list.items.map((m) => (
            <Member key={m.id} m={m} onEdit={() => setSheet({ member: m })} onEnd={() => void end(m)} />
          ))}
          <LoadMore list={list} />
        </View>
      </StateView>
      {sheet ? (
        <MemberSheet
          compoundId={compoundId}
          member={sheet.member}
          onClose={() => setSheet(null)}
          onSaved={() => {
            setSheet(null);
            void Taro.showToast({ title: '已保存', icon: 'success' });
            void list.refresh();
          }}
        />
      ) : null}
    </PageShell>
  );
}
