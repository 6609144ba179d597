/**
 * 录入纸质表决票 (the committee): pick a home that has not voted, the choice on the
 * signed paper ballot, and a photo of it. Who entered it is recorded and listed in
 * the export; a home that voted online cannot get a paper ballot.
 */
import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Image, Input, View } from '@tarojs/components';
import { VOTE_LIMITS, VOTE_UPLOAD } from '@core/votes/limits';
import type { RollRow } from '@core/votes/contract';
import PageShell from '@/components/PageShell';
import StateView, { LoadMore } from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { usePaged } from '@/hooks/usePaged';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import { pickAndUploadImages, type UploadedFile } from '@/services/upload';
import { choiceText, m2 } from '../../logic';
import './index.scss';

export default function VotePaperPage() {
  const params = useRouter().params;
  const id = decodeURIComponent(params.id ?? '');
  const matter = useRemote(() => api('votes').call('matters.get', { matterId: id }), [id]);
  const unvoted = usePaged((p) => api('votes').call('matters.unvoted', { matterId: id, ...p }), { size: 50 });
  // From the door-to-door list: the home tapped there.
  const [q, setQ] = useState(decodeURIComponent(params.q ?? ''));
  const [row, setRow] = useState<RollRow | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [photos, setPhotos] = useState<UploadedFile[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const rid = useRequestId([row?.homes[0]?.homeId, picked.join(','), photos.length]);
  const d = matter.data;
  const rows = unvoted.items.filter((r) => !q.trim() || r.homes.some((h) => h.label.includes(q.trim())));
  /** What was just recorded, kept on screen (a toast alone is gone before it is read). */
  const [recorded, setRecorded] = useState<string | null>(null);
  // Searching a room: keep loading the roll until it is found or the roll ends (the list loads 50 homes at a time).
  useEffect(() => {
    if (q.trim() && rows.length === 0 && unvoted.hasMore && !unvoted.loadingMore && !unvoted.loading) void unvoted.loadMore();
  }, [q, rows.length, unvoted.hasMore, unvoted.loadingMore, unvoted.loading]); // eslint-disable-line react-hooks/exhaustive-deps

  async function submit() {
    setError('');
    setRecorded(null);
    if (!row) return setError('请选择房屋');
    if (!picked.length) return setError('请选择表决票上的选择');
    if (!photos.length) return setError('请拍照上传签字的纸质表决票');
    setBusy(true);
    try {
      await api('votes').call('ballots.paper', {
        clientRequestId: rid.id,
        matterId: id,
        homeId: row.homes[0].homeId,
        choices: picked,
        photos: photos.map((p) => p.fileID),
      });
      rid.renew();
      setRecorded(`已录入：${row.homes.map((h) => h.label).join('、')}，${choiceText(d!, picked)}（纸质票）`);
      void Taro.showToast({ title: '已录入', icon: 'success' });
      setRow(null);
      setPicked([]);
      setPhotos([]);
      await unvoted.refresh();
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <PageShell className='vote-paper'>
      <StateView {...matter.state}>
        {d ? (
          <View>
            {recorded ? <View className='card vote-paper-recorded'>{recorded}。可以继续录入下一张。</View> : null}
            <View className='card'>
              <View className='card__title'>{d.title}</View>
              <View className='field'>
                <View className='field__label'>1. 选择房屋（未投票的）</View>
                <Input
                  className='field__input vote-paper-search'
                  value={q}
                  placeholder='输入房号查找，如 5栋1单元302'
                  onInput={(e) => setQ(e.detail.value)}
                />
              </View>
              {row ? (
                <View className='row vote-paper-picked'>
                  <View className='row__main'>
                    <View className='row__title'>已选：{row.homes.map((h) => h.label).join('、')}</View>
                    <View className='row__sub'>{m2(row.areaCenti)}</View>
                  </View>
                  <View className='row__side' onClick={() => setRow(null)}>
                    重选
                  </View>
                </View>
              ) : (
                <View>
                  {q.trim() && rows.length === 0 && !unvoted.hasMore && !unvoted.loading && !unvoted.loadingMore ? (
                    <View className='muted vote-paper-none'>未投票的房屋中没有“{q.trim()}”：可能已投票，或房号有误</View>
                  ) : null}
                  {rows.slice(0, 30).map((r) => (
                    <View key={r.homes[0].homeId} className='row row--link vote-paper-home' onClick={() => setRow(r)}>
                      <View className='row__main'>
                        <View className='row__title'>{r.homes.map((h) => h.label).join('、')}</View>
                      </View>
                      <View className='row__side'>{m2(r.areaCenti)}</View>
                    </View>
                  ))}
                  {q.trim() && rows.length === 0 && unvoted.hasMore ? (
                    <View className='muted'>正在查找…</View>
                  ) : (
                    <LoadMore list={unvoted} />
                  )}
                </View>
              )}
              <View className='field'>
                <View className='field__label'>2. 表决票上的选择{d.format === 'election' ? `（最多${d.seats}位）` : ''}</View>
                <Choice
                  className='vote-paper-options'
                  columns={3}
                  options={Object.entries(d.choiceLabels).map(([value, label]) => ({ value, label }))}
                  value={d.format === 'election' ? undefined : picked[0]}
                  onChange={(v) => {
                    if (d.format !== 'election' || v === 'abstain') return setPicked([v]);
                    const rest = picked.filter((x) => x !== 'abstain');
                    setPicked(rest.includes(v) ? rest.filter((x) => x !== v) : [...rest, v].slice(0, d.seats));
                  }}
                />
                {d.format === 'election' ? <View className='muted'>已选：{choiceText(d, picked) || '无'}</View> : null}
              </View>
              <View className='field'>
                <View className='field__label'>3. 签字表决票照片</View>
                <View>
                  {photos.map((p) => (
                    <Image key={p.fileID} className='vote-photo' src={p.url} mode='aspectFill' />
                  ))}
                </View>
                <Btn
                  size='small'
                  className='vote-paper-photo'
                  onClick={async () => {
                    try {
                      const added = await pickAndUploadImages(VOTE_UPLOAD.paper, VOTE_LIMITS.paperPhotos - photos.length);
                      setPhotos((p) => [...p, ...added].slice(0, VOTE_LIMITS.paperPhotos));
                    } catch (e) {
                      setError(toServiceError(e).message);
                    }
                  }}
                >
                  拍照 / 选择照片
                </Btn>
              </View>
              {error ? <View className='form-error vote-paper-error'>{error}</View> : null}
              <View className='actions'>
                <Btn type='primary' block className='vote-paper-submit' loading={busy} onClick={() => void submit()}>
                  录入这张表决票
                </Btn>
              </View>
              <View className='muted'>录入人和时间会被记录；已在线投票的房屋不能再录入纸质票。</View>
            </View>
          </View>
        ) : null}
      </StateView>
    </PageShell>
  );
}
