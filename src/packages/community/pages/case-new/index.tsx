/**
 * 发布案例: a compound's branch or committee writes down what worked — the title, the
 * problem, what was done, where it came from (民情, 议事厅 …), up to 3 figures that
 * moved (the readers see the compound's own trend of each) and photos. The words are
 * checked by WeChat before anyone reads them; a refused text keeps the form as it was.
 */
import { scopedGrants } from '@core/authz';
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Image, Input, Textarea, View } from '@tarojs/components';
import { FIGURES, FIGURE_KEYS, type FigureKey } from '@core/community/figures';
import { CASE_SOURCES, CASE_SOURCE_LABELS, type CaseSource } from '@core/community/labels';
import { COMMUNITY_LIMITS as L } from '@core/community/limits';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { loadMe } from '@/store/me';
import { pickAndUploadImages, type UploadedFile } from '@/services/upload';
import { api, toServiceError } from '@/services/cloud';
import { routePaths } from '@/features/route-table';
import { COMMUNITY_ROUTES } from '@/features/community/routes';
import './index.scss';

const ROUTES = routePaths(COMMUNITY_ROUTES);
const CHOOSABLE = FIGURE_KEYS.filter((k) => !FIGURES[k].pending);

export default function CaseNewPage() {
  const compoundId = decodeURIComponent(useRouter().params.compoundId ?? '');
  const me = useRemote(loadMe);
  const grant = scopedGrants(me.data?.roles ?? [], 'case.publish').find((g) => g.compoundId === compoundId);
  const [title, setTitle] = useState('');
  const [problem, setProblem] = useState('');
  const [done, setDone] = useState('');
  const [source, setSource] = useState<CaseSource | null>(null);
  const [figures, setFigures] = useState<FigureKey[]>([]);
  const [photos, setPhotos] = useState<UploadedFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rid = useRequestId([title, problem, done, source, figures, photos.map((p) => p.fileID)]);
  const toggle = (k: FigureKey) => setFigures((f) => (f.includes(k) ? f.filter((x) => x !== k) : f.length < L.caseFigures ? [...f, k] : f));

  async function addPhotos() {
    try {
      const more = await pickAndUploadImages('cases', L.casePhotos - photos.length);
      setPhotos((p) => [...p, ...more].slice(0, L.casePhotos));
    } catch (e) {
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    }
  }

  async function submit() {
    setError(null);
    if (!title.trim()) return setError('请填写标题');
    if (!problem.trim()) return setError('请说说原来的问题');
    if (!done.trim()) return setError('请说说是怎么做的');
    if (!source) return setError('请选择案例来自哪里');
    setBusy(true);
    try {
      const made = await api('community').call('cases.publish', {
        clientRequestId: rid.id,
        compoundId,
        title: title.trim(),
        problem: problem.trim(),
        done: done.trim(),
        source,
        figures,
        photos: photos.map((p) => p.fileID),
      });
      rid.renew();
      void Taro.showToast({ title: '已发布', icon: 'success' });
      Taro.redirectTo({ url: `${ROUTES.communityCase}?id=${encodeURIComponent(made.id)}` });
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <PageShell className='community-case-new'>
      <StateView loading={me.loading} denied={!!me.data && !grant} permission='case.publish' permissionAction='发布互学案例'>
        <View className='card'>
          <View className='card__title'>为{grant?.scopeLabel ?? ''}发布案例</View>
          <View className='muted'>只写小区做了什么，不写住户的姓名、房号和金额。</View>
          <View className='field__label'>标题</View>
          <Input
            className='field__input case-title-input'
            value={title}
            maxlength={L.caseTitle}
            placeholder='例如：电动车充电棚'
            onInput={(e) => setTitle(e.detail.value)}
          />
          <View className='field__label'>原来的问题</View>
          <Textarea
            className='field__textarea case-problem-input'
            value={problem}
            maxlength={L.caseText}
            onInput={(e) => setProblem(e.detail.value)}
          />
          <View className='field__label'>怎么做的</View>
          <Textarea
            className='field__textarea case-done-input'
            value={done}
            maxlength={L.caseText}
            onInput={(e) => setDone(e.detail.value)}
          />
        </View>
        <View className='card'>
          <View className='card__title'>来自哪里</View>
          <Choice
            className='case-source'
            columns={3}
            options={CASE_SOURCES.map((s) => ({ value: s, label: CASE_SOURCE_LABELS[s] }))}
            value={source}
            onChange={setSource}
          />
        </View>
        <View className='card'>
          <View className='card__title'>哪些数据有变化（最多{L.caseFigures}项）</View>
          <View className='cm-chips'>
            {CHOOSABLE.map((k) => (
              <View
                key={k}
                className={`cm-chip case-figure-pick-${k} ${figures.includes(k) ? 'cm-chip--on' : ''}`}
                onClick={() => toggle(k)}
              >
                {figures.includes(k) ? '✓ ' : ''}
                {FIGURES[k].short}
              </View>
            ))}
          </View>
        </View>
        <View className='card'>
          <View className='card__title'>照片（最多{L.casePhotos}张）</View>
          <View className='cm-photos'>
            {photos.map((p) => (
              <View key={p.fileID} className='cm-photo' onClick={() => setPhotos((x) => x.filter((y) => y !== p))}>
                <Image className='cm-photo__img' src={p.url} mode='aspectFill' />
                <View className='cm-photo__badge'>点击移除</View>
              </View>
            ))}
            {photos.length < L.casePhotos ? (
              <View className='cm-photo cm-photo--add case-add-photo' onClick={() => void addPhotos()}>
                ＋ 照片
              </View>
            ) : null}
          </View>
        </View>
        {error ? <View className='form-error'>{error}</View> : null}
        <Btn type='primary' block loading={busy} className='case-submit' onClick={() => void submit()}>
          发布
        </Btn>
      </StateView>
    </PageShell>
  );
}
