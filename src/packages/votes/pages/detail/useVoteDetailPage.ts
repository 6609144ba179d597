/**
 * The state of one matter's page: the matter (one read, refreshed on show), which
 * action is under way, and the actions. Each action posts one call and reads the
 * matter again; the functions check everything. Reminders link here, so the path is fixed.
 */
import { useState } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import type { MyVoteHome } from '@core/votes/contract';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import { confirmAction } from '@/store/confirm';
import { VR } from '../../logic';

export function useVoteDetailPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const matter = useRemote(() => api('votes').call('matters.get', { matterId: id }), [id], { refreshOnShow: true });
  const remindId = useRequestId([id]);
  const [busy, setBusy] = useState('');
  const d = matter.data;
  // The share card carries the result once it is published: owners read it in the group and open the vote.
  const published = !!d?.result && (d.phase === 'preliminary' || d.phase === 'final');
  useShareAppMessage(() => ({
    title: d ? (published && d.result ? `【表决结果】${d.title}：${d.result.summary}` : `【业主表决】${d.title}`).slice(0, 60) : '业主表决',
    path: `${VR.voteDetail}?id=${encodeURIComponent(id)}`,
  }));

  async function run(what: string, fn: () => Promise<unknown>, done: string) {
    setBusy(what);
    try {
      await fn();
      void Taro.showToast({ title: done, icon: 'success' });
      await matter.reload();
    } catch (e) {
      void Taro.showModal({ title: '未完成', content: toServiceError(e).message, showCancel: false });
    } finally {
      setBusy('');
    }
  }
  async function cast(h: MyVoteHome, choices: string[]) {
    await run('cast', () => api('votes').call('ballots.cast', { matterId: id, homeId: h.homeId, choices }), h.voted ? '已修改' : '已投票');
  }
  async function close() {
    // Irreversible: the count is published to every owner.
    const ok = await confirmAction({
      title: '计票并公示结果',
      content: '计票后结果将向全体业主公示，不能撤回。纸质票都已录入了吗？',
      confirmText: '计票并公示',
      cancelText: '再想想',
    });
    if (ok) await run('close', () => api('votes').call('matters.close', { matterId: id }), '已公示结果');
  }

  return {
    id,
    matter,
    busy,
    published,
    cast,
    close,
    announce: () => run('announce', () => api('votes').call('matters.announce', { matterId: id }), '已公告'),
    rebuild: () => run('rebuild', () => api('votes').call('roll.rebuild', { matterId: id }), '名册已更新'),
    remind: () =>
      run(
        'remind',
        async () => {
          await api('votes').call('matters.remind', { clientRequestId: remindId.id, matterId: id });
          remindId.renew();
        },
        '已发送提醒',
      ),
    refreshCount: () => run('close', () => api('votes').call('matters.close', { matterId: id }), '已刷新计票进度'),
    finalize: () => run('finalize', () => api('votes').call('matters.finalize', { matterId: id }), '结果已生效'),
    exportResult: () =>
      run(
        'export',
        async () => {
          const x = await api('votes').call('matters.export', { matterId: id });
          if (process.env.TARO_ENV === 'h5') window.open(x.url);
          else await Taro.downloadFile({ url: x.url }).then((f) => Taro.openDocument({ filePath: f.tempFilePath, fileType: 'xlsx' }));
        },
        '已导出',
      ),
  };
}

export type VoteDetailState = ReturnType<typeof useVoteDetailPage>;
