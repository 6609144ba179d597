/**
 * 发起表决 (the committee): the matter, its kind (decides the threshold), options or
 * candidates, documents and dates. Saving announces it at once: the roll is built
 * and owners can object during the 15 days before voting opens.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Input, Picker, Switch, Textarea, View } from '@tarojs/components';
import { MATTER_KINDS, MATTER_KIND_LABELS, isSpecialMajority, type MatterKind } from '@core/votes/count';
import { VOTE_LIMITS, VOTE_UPLOAD } from '@core/votes/limits';
import { scopedGrants } from '@core/authz';
import { DAY_MS, shanghaiDay, shanghaiInstant } from '@core/platform/period';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import { pickAndUploadImages, type UploadedFile } from '@/services/upload';
import { cachedMe, meOrLoad } from '@/store/me';
import { charCount } from '@/utils/text';
import { detailUrl } from '../../logic';
import './index.scss';

/** Voting opens at 08:00 Shanghai time on the day chosen. */
const opensOn = (day: string) => shanghaiInstant(day, '08:00').getTime();

export default function VoteCreatePage() {
  const me = useRemote(() => meOrLoad(), []);
  const roles = (me.data ?? cachedMe())?.roles ?? [];
  // The community office stands in for a compound without a committee: it picks among its community's compounds.
  const managing = scopedGrants(roles, 'vote.manage');
  const officeOf = [...new Set(managing.filter((r) => r.scope === 'community').map((r) => r.communityId))];
  const inCommunity = useRemote(() => api('accounts').call('compounds.list', {}), [officeOf.join()], { skip: officeOf.length === 0 });
  const compounds = [
    ...new Map([
      ...managing.filter((r) => r.scope === 'compound' && r.compoundId).map((r) => [r.compoundId!, r.scopeLabel] as const),
      ...(inCommunity.data ?? []).filter((c) => officeOf.includes(c.communityId)).map((c) => [c.id, c.name] as const),
    ]).entries(),
  ];
  const [compoundId, setCompoundId] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [kind, setKind] = useState<MatterKind>(4);
  const [format, setFormat] = useState<'approval' | 'election'>('approval');
  const [candidates, setCandidates] = useState('');
  const [seats, setSeats] = useState('1');
  const earliest = shanghaiDay(Date.now() + (VOTE_LIMITS.announceDays + 1) * DAY_MS);
  const [openDay, setOpenDay] = useState(earliest);
  const [days, setDays] = useState('14');
  const [secret, setSecret] = useState(false);
  const [docs, setDocs] = useState<UploadedFile[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const rid = useRequestId([compoundId, title, description, kind, format, candidates, seats, openDay, days, secret, docs.length]);
  const cid = compoundId || compounds[0]?.[0] || '';

  async function submit() {
    setError('');
    if (!title.trim()) return setError('请填写表决事项');
    if (charCount(title) > VOTE_LIMITS.title) return setError(`事项名称不超过${VOTE_LIMITS.title}个字`);
    if (!description.trim()) return setError('请填写说明');
    const names = candidates
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    if (format === 'election' && names.length === 0) return setError('请填写候选人或投标单位，每行一个');
    const opensAt = opensOn(openDay);
    setBusy(true);
    try {
      const created = await api('votes').call('matters.create', {
        clientRequestId: rid.id,
        compoundId: cid,
        title,
        description,
        kind,
        format,
        candidates: format === 'election' ? names : [],
        seats: format === 'election' ? Math.max(1, Number(seats) || 1) : 1,
        documents: docs.map((d) => d.fileID),
        opensAt: new Date(opensAt).toISOString(),
        closesAt: new Date(opensAt + Number(days) * DAY_MS).toISOString(),
        secret,
      });
      await api('votes').call('matters.announce', { matterId: created.id });
      rid.renew();
      void Taro.redirectTo({ url: detailUrl(created.id) });
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <PageShell className='vote-create'>
      <StateView
        {...(officeOf.length && !inCommunity.data ? inCommunity.state : me.state)}
        denied={!!me.data && compounds.length === 0 && (officeOf.length === 0 || !!inCommunity.data)}
        permission='vote.manage'
        permissionAction='发起业主表决'
      >
        <View className='card'>
          {compounds.length > 1 ? (
            <View className='field'>
              <View className='field__label'>小区</View>
              <Choice options={compounds.map(([value, label]) => ({ value, label }))} value={cid} onChange={setCompoundId} />
            </View>
          ) : null}
          <View className='field'>
            <View className='field__label'>表决事项</View>
            <Input
              className='field__input vote-title'
              value={title}
              maxlength={VOTE_LIMITS.title}
              placeholder='例如：续聘嘉信物业（2027—2029年）'
              onInput={(e) => setTitle(e.detail.value)}
            />
          </View>
          <View className='field'>
            <View className='field__label'>说明</View>
            <Textarea
              className='field__textarea vote-description'
              value={description}
              maxlength={VOTE_LIMITS.description}
              placeholder='写清楚为什么表决、方案内容和费用'
              onInput={(e) => setDescription(e.detail.value)}
            />
          </View>
          <View className='field'>
            <View className='field__label'>事项类别（民法典第二百七十八条，决定通过标准）</View>
            <Choice
              className='vote-kinds'
              columns={1}
              options={MATTER_KINDS.map((k) => ({
                value: String(k),
                label: `第${k}项 ${MATTER_KIND_LABELS[k]}`,
                hint: isSpecialMajority(k) ? '须四分之三以上同意' : '须过半数同意',
              }))}
              value={String(kind)}
              onChange={(v) => setKind(Number(v) as MatterKind)}
            />
          </View>
          <View className='field'>
            <View className='field__label'>表决方式</View>
            <Choice
              className='vote-formats'
              options={[
                { value: 'approval', label: '同意 / 反对 / 弃权' },
                { value: 'election', label: '选举或选聘', hint: '候选人、投标单位' },
              ]}
              value={format}
              onChange={(v) => setFormat(v as 'approval' | 'election')}
            />
          </View>
          {format === 'election' ? (
            <View>
              <View className='field'>
                <View className='field__label'>候选人或投标单位（每行一个）</View>
                <Textarea className='field__textarea vote-candidates' value={candidates} onInput={(e) => setCandidates(e.detail.value)} />
              </View>
              <View className='field'>
                <View className='field__label'>应选人数</View>
                <Input className='field__input vote-seats' type='number' value={seats} onInput={(e) => setSeats(e.detail.value)} />
              </View>
            </View>
          ) : null}
          <View className='field'>
            <View className='field__label'>
              开始投票日期（公告满{VOTE_LIMITS.announceDays}天后，最早 {earliest}）
            </View>
            <Picker mode='date' value={openDay} start={earliest} onChange={(e) => setOpenDay(e.detail.value)}>
              <View className='field__input vote-open-day'>{openDay}</View>
            </Picker>
          </View>
          <View className='field'>
            <View className='field__label'>投票天数</View>
            <Choice
              options={['7', '14', '21', '30'].map((v) => ({ value: v, label: `${v}天` }))}
              value={days}
              onChange={setDays}
              columns={3}
            />
          </View>
          <View className='field'>
            <View className='field__label'>不记名表决（结果不公布每户的选择）</View>
            <Switch checked={secret} onChange={(e) => setSecret(e.detail.value)} />
          </View>
          <View className='field'>
            <View className='field__label'>附件（合同草案、方案等，拍照上传）</View>
            <View>
              {docs.map((d) => (
                <Image key={d.fileID} className='vote-photo' src={d.url} mode='aspectFill' />
              ))}
            </View>
            <Btn
              size='small'
              onClick={async () => {
                try {
                  const added = await pickAndUploadImages(VOTE_UPLOAD.documents, VOTE_LIMITS.documents - docs.length);
                  setDocs((p) => [...p, ...added].slice(0, VOTE_LIMITS.documents));
                } catch (e) {
                  void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
                }
              }}
            >
              添加附件
            </Btn>
          </View>
          {error ? <View className='form-error vote-create-error'>{error}</View> : null}
          <View className='actions'>
            <Btn type='primary' block className='vote-submit' loading={busy} onClick={() => void submit()}>
              公告表决事项
            </Btn>
          </View>
          <View className='muted'>
            公告后即生成业主名册（按房屋登记：一套房一户，一人多套合为一户，开发商未售房屋合为一户），业主可在公告期内提出异议。
          </View>
        </View>
      </StateView>
    </PageShell>
  );
}
