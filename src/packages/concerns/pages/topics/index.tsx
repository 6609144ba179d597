/** 小区议事厅: the compound's topics by stage; the branch and committee open a new one (征集). */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Textarea, View } from '@tarojs/components';
import type { ConcernPlaces } from '@core/concerns/contract';
import { CONCERN_LIMITS } from '@core/concerns/limits';
import PageShell from '@/components/PageShell';
import StateView, { LoadMore } from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import Sheet from '@/components/Sheet';
import { usePaged } from '@/hooks/usePaged';
import { useKept } from '@/hooks/useKept';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import { formatDateTime } from '@/utils/format';
import { openTopic } from '../../logic';
import '../../common.scss';

export default function TopicsPage() {
  // One call: without a pick the topics are of my first compound, and bring my places for the picker.
  const [picked, setPicked] = useState('');
  const list = usePaged(
    (p) => api('concerns').call('topics.list', p),
    { ...(picked ? { compoundId: picked } : {}), size: 20 },
    {
      refreshOnShow: true,
    },
  );
  const places = useKept<ConcernPlaces | undefined>(list.page?.places, undefined);
  const options = [
    ...new Map([
      ...(places?.homes ?? []).map((h) => [h.compoundId, h.label.split(' ')[0]] as const),
      ...(places?.handles ?? []).map((h) => [h.compoundId, h.name] as const),
    ]).entries(),
  ];
  const compoundId = picked || list.page?.compoundId || '';
  const manages = (places?.handles ?? []).some((h) => h.compoundId === compoundId && h.compoundWide);
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const rid = useRequestId([title, description]);

  async function propose() {
    setError(null);
    if (!title.trim() || !description.trim()) return setError('请填写议题和说明');
    try {
      const t = await api('concerns').call('topics.propose', {
        clientRequestId: rid.id,
        compoundId,
        title: title.trim(),
        description: description.trim(),
        collectDays: 7,
      });
      rid.renew();
      setOpen(false);
      void Taro.showToast({ title: '已发起', icon: 'success' });
      openTopic(t.id);
    } catch (e) {
      setError(toServiceError(e).message);
    }
  }

  return (
    <PageShell className='concern-topics'>
      <View className='banner banner--info'>
        议事厅：征集意见 → 通报材料 → 协商议事 → 结果公示 → 组织实施 → 反馈评价。结果是协商意见；涉及共有部分的事须业主表决。
      </View>
      {options.length > 1 ? (
        <Choice columns={2} options={options.map(([value, label]) => ({ value, label }))} value={compoundId} onChange={setPicked} />
      ) : null}
      {manages ? (
        <Btn type='primary' block className='topics-new' onClick={() => setOpen(true)}>
          发起议题
        </Btn>
      ) : null}
      <StateView {...list.state} empty={!!list.page && list.items.length === 0 && { title: '还没有议题' }}>
        {list.items.map((t) => (
          <View key={t.id} className='concern-row topic-row' hoverClass='concern-row--hover' onClick={() => openTopic(t.id)}>
            <View className='concern-row__head'>
              <View className='concern-row__title'>{t.title}</View>
              <View className='concern-status'>{t.stageLabel}</View>
            </View>
            <View className='concern-row__meta'>
              {formatDateTime(t.createdAt)} · {t.comments}户发表意见
            </View>
          </View>
        ))}
        <LoadMore list={list} />
      </StateView>
      <Sheet open={open} title='发起议题' onClose={() => setOpen(false)}>
        <View className='field'>
          <View className='field__label'>议题</View>
          <Input
            className='field__input topics-title'
            value={title}
            maxlength={CONCERN_LIMITS.title}
            onInput={(e) => setTitle(e.detail.value)}
          />
        </View>
        <View className='field'>
          <View className='field__label'>说明</View>
          <Textarea
            className='field__textarea topics-description'
            value={description}
            maxlength={CONCERN_LIMITS.topicText}
            onInput={(e) => setDescription(e.detail.value)}
          />
        </View>
        {error ? <View className='form-error'>{error}</View> : null}
        <Btn type='primary' block className='topics-submit' onClick={() => void propose()}>
          发起（征集意见7天）
        </Btn>
      </Sheet>
    </PageShell>
  );
}
