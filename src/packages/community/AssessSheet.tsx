/**
 * The compound's own 六有 answers for this month: 有 / 没有 per item, "有" with up to 3
 * photos as evidence (uploaded into the person's own folder), a short note. Sent in one
 * call; a refused answer keeps the form as it was.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Input, View } from '@tarojs/components';
import type { ScorecardView } from '@core/community/contract';
import { COMMUNITY_LIMITS as L } from '@core/community/limits';
import Sheet from '@/components/Sheet';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRequestId } from '@/hooks/useRequestId';
import { pickAndUploadImages } from '@/services/upload';
import { api, toServiceError } from '@/services/cloud';

interface Draft {
  met: boolean | null;
  photos: { fileID: string; url: string }[];
  note: string;
}

export default function AssessSheet(props: {
  view: ScorecardView;
  open: boolean;
  onClose: () => void;
  onDone: (v: ScorecardView) => void;
}) {
  const v = props.view;
  const [draft, setDraft] = useState<Record<string, Draft>>(() =>
    Object.fromEntries(
      v.items.map((i) => [
        i.key,
        { met: i.self?.met ?? null, photos: i.self?.photos.map((p) => ({ fileID: p.fileID, url: p.url })) ?? [], note: i.self?.note ?? '' },
      ]),
    ),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rid = useRequestId([draft]);
  const set = (key: string, patch: Partial<Draft>) => setDraft((d) => ({ ...d, [key]: { ...d[key], ...patch } }));

  async function add(key: string) {
    try {
      const more = await pickAndUploadImages('scorecards', L.evidencePhotos - draft[key].photos.length);
      set(key, { photos: [...draft[key].photos, ...more].slice(0, L.evidencePhotos) });
    } catch (e) {
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    }
  }

  async function submit() {
    setError(null);
    const missing = v.items.find((i) => draft[i.key].met === null);
    if (missing) return setError(`请选择"${missing.label}"有还是没有`);
    const bare = v.items.find((i) => draft[i.key].met && !draft[i.key].photos.length);
    if (bare) return setError(`"${bare.label}"选了有，请附照片作为佐证`);
    setBusy(true);
    try {
      const next = await api('community').call('scorecards.assess', {
        clientRequestId: rid.id,
        compoundId: v.compoundId,
        period: v.period,
        items: v.items.map((i) => ({
          key: i.key,
          met: !!draft[i.key].met,
          photos: draft[i.key].met ? draft[i.key].photos.map((p) => p.fileID) : [],
          ...(draft[i.key].note.trim() ? { note: draft[i.key].note.trim() } : {}),
        })),
      });
      rid.renew();
      props.onDone(next);
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Sheet open={props.open} title={`${v.compoundName} ${v.period} 六有自评`} onClose={props.onClose} className='sc-assess'>
      {v.items.map((i) => (
        <View key={i.key} className={`sc-item sc-assess-${i.key}`}>
          <View className='sc-item__label'>{i.label}</View>
          <View className='muted'>{i.hint}</View>
          <Choice
            columns={2}
            options={[
              { value: 'yes', label: '有' },
              { value: 'no', label: '没有' },
            ]}
            value={draft[i.key].met === null ? null : draft[i.key].met ? 'yes' : 'no'}
            onChange={(x) => set(i.key, { met: x === 'yes' })}
          />
          {draft[i.key].met ? (
            <View className='cm-photos'>
              {draft[i.key].photos.map((p) => (
                <View
                  key={p.fileID}
                  className='cm-photo'
                  onClick={() => set(i.key, { photos: draft[i.key].photos.filter((x) => x !== p) })}
                >
                  {p.url ? <Image className='cm-photo__img' src={p.url} mode='aspectFill' /> : null}
                  <View className='cm-photo__badge'>点击移除</View>
                </View>
              ))}
              {draft[i.key].photos.length < L.evidencePhotos ? (
                <View className='cm-photo cm-photo--add sc-add-photo' onClick={() => void add(i.key)}>
                  ＋ 照片
                </View>
              ) : null}
            </View>
          ) : null}
          <Input
            className='field__input sc-note'
            value={draft[i.key].note}
            maxlength={L.itemNote}
            placeholder='说明（选填）'
            onInput={(e) => set(i.key, { note: e.detail.value })}
          />
        </View>
      ))}
      {error ? <View className='form-error'>{error}</View> : null}
      <Btn type='primary' block loading={busy} className='sc-assess-submit' onClick={() => void submit()}>
        提交自评
      </Btn>
    </Sheet>
  );
}
