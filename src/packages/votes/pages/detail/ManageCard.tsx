/**
 * 业委会操作, the one step of each phase: announce and build the roll, rebuild it,
 * paper ballots, the unvoted list and reminders while open, count and publish, follow
 * the count, put the result in force, and export it.
 */
import { View } from '@tarojs/components';
import type { MatterDetail } from '@core/votes/contract';
import Btn from '@/components/Btn';
import { formatDateTime } from '@/utils/format';
import { go } from '@/utils/nav';
import { VR } from '../../logic';
import type { VoteDetailState } from './useVoteDetailPage';

export default function ManageCard({ d, p }: { d: MatterDetail; p: VoteDetailState }) {
  const { id, busy } = p;
  return (
    <View className='card vote-manage'>
      <View className='card__title'>业委会操作</View>
      {d.rolling ? (
        <View className='muted vote-rolling'>
          {d.rolling.status === 'failed'
            ? `生成名册未完成：${d.rolling.error ?? '请重试'}`
            : `名册生成中：已完成 ${d.rolling.done} 批（每批 1000 户），完成后${d.phase === 'draft' ? '自动公告' : '自动更新'}。`}
        </View>
      ) : null}
      {d.phase === 'draft' ? (
        <Btn type='primary' block className='vote-announce' loading={busy === 'announce'} onClick={p.announce}>
          公告并生成业主名册
        </Btn>
      ) : null}
      {d.phase === 'announced' ? (
        <Btn block className='vote-rebuild' loading={busy === 'rebuild'} onClick={p.rebuild}>
          按最新房屋登记重新生成名册
        </Btn>
      ) : null}
      {d.phase === 'open' ? (
        <View>
          <View className='muted vote-close-hint'>投票截止（{formatDateTime(d.closesAt)}）后，才能计票并公示结果。</View>
          <Btn block className='vote-paper-btn' onClick={() => go(`${VR.votePaper}?id=${encodeURIComponent(id)}`)}>
            录入纸质表决票
          </Btn>
          <Btn block className='vote-unvoted-btn' onClick={() => go(`${VR.voteRoll}?id=${encodeURIComponent(id)}&unvoted=1`)}>
            未投票名单（上门）
          </Btn>
          <Btn block className='vote-remind-btn' loading={busy === 'remind'} onClick={p.remind}>
            提醒未投票的业主
          </Btn>
        </View>
      ) : null}
      {d.phase === 'ended' ? (
        <Btn type='primary' block className='vote-close' loading={busy === 'close'} onClick={p.close}>
          计票并公示结果
        </Btn>
      ) : null}
      {d.phase === 'counting' ? (
        <View className='vote-counting'>
          <View className='muted'>
            计票中{d.counting && d.counting.total ? `：已完成 ${d.counting.done} / ${d.counting.total} 批（每批 1000 户）` : ''}
            ，完成后自动公示结果。
          </View>
          <Btn block className='vote-counting-refresh' loading={busy === 'close'} onClick={p.refreshCount}>
            刷新计票进度
          </Btn>
        </View>
      ) : null}
      {d.phase === 'preliminary' ? (
        <Btn block className='vote-finalize' loading={busy === 'finalize'} onClick={p.finalize}>
          公示期满，确认结果生效
        </Btn>
      ) : null}
      {d.phase === 'preliminary' || d.phase === 'final' ? (
        <Btn block className='vote-export' loading={busy === 'export'} onClick={p.exportResult}>
          导出结果（Excel，含纸质票）
        </Btn>
      ) : null}
    </View>
  );
}
