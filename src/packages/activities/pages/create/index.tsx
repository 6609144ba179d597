/**
 * 发起志愿活动: what, where, when (a day and a start time, how long), who may join
 * (the places the organiser's roles cover; party members only), and places — one
 * number, or by role (文明劝导员 × 5). Photos upload into the organiser's own folder.
 */
import { useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Input, Switch, Textarea, View } from '@tarojs/components';
import { ACTIVITY_LIMITS as L } from '@core/activities/limits';
import { scopedGrants } from '@core/authz';
import { dayAfter, shanghaiInstant } from '@core/platform/period';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import { pickAndUploadImages, type UploadedFile } from '@/services/upload';
import { loadMe } from '@/store/me';
import { routePaths } from '@/features/route-table';
import { ACTIVITY_ROUTES } from '@/features/activities/routes';
import '@/packages/activities/common.scss';

const url = routePaths(ACTIVITY_ROUTES);

export default function ActivityCreatePage() {
  const me = useRemote(loadMe, []);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [place, setPlace] = useState('');
  const [day, setDay] = useState('3');
  const [time, setTime] = useState('09:00');
  const [hours, setHours] = useState('2');
  const [deadlineKind, setDeadlineKind] = useState<'start' | 'eve'>('start');
  const [scope, setScope] = useState<string | null>(null);
  const [partyOnly, setPartyOnly] = useState(false);
  const [capacity, setCapacity] = useState('10');
  const [slots, setSlots] = useState<{ name: string; capacity: string }[]>([]);
  const [images, setImages] = useState<UploadedFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rid = useRequestId([title, description, place, day, time, hours, deadlineKind, scope, partyOnly, capacity, slots, images]);

  const scopes = useMemo(
    // Where this person may organise, as the permission table says (a lead: their buildings; the compound's roles: all of it).
    () =>
      scopedGrants(me.data?.roles ?? [], 'activity.create').map((r) => ({
        value: r.id,
        label: r.scope === 'building' ? r.scopeLabel : `${r.scopeLabel} 全体`,
        audience:
          r.scope === 'building'
            ? { kind: 'buildings' as const, buildingIds: r.buildingIds ?? [] }
            : { kind: 'compound' as const, compoundId: r.compoundId! },
      })),
    [me.data],
  );
  const chosen = scopes.find((s) => s.value === scope) ?? scopes[0];

  async function submit() {
    setError(null);
    const date = dayAfter(Number(day));
    if (!/^\d{1,2}:\d{2}$/.test(time)) return setError('开始时间请写成 09:00 这样');
    const start = shanghaiInstant(date, time);
    const end = new Date(start.getTime() + Number(hours) * 3_600_000);
    const deadline = deadlineKind === 'start' ? start : shanghaiInstant(dayAfter(Number(day) - 1), '20:00');
    if (!chosen) return setError('您没有可以发起活动的范围');
    setBusy(true);
    try {
      const d = await api('activities').call('activities.create', {
        clientRequestId: rid.id,
        title,
        description,
        place,
        images: images.map((i) => i.fileID),
        startAt: start.toISOString(),
        endAt: end.toISOString(),
        deadline: deadline.toISOString(),
        audience: chosen.audience,
        partyOnly,
        ...(slots.length ? { slots: slots.map((s) => ({ name: s.name, capacity: Number(s.capacity) })) } : { capacity: Number(capacity) }),
      });
      rid.renew();
      Taro.redirectTo({ url: `${url.activityDetail}?id=${encodeURIComponent(d.id)}` });
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <PageShell className='act-create'>
      <StateView {...me.state} denied={!!me.data && scopes.length === 0} permission='activity.create' permissionAction='发起志愿活动'>
        <View className='card'>
          <View className='field'>
            <View className='field__label'>活动名称</View>
            <Input
              className='field__input act-title-input'
              value={title}
              maxlength={L.title}
              placeholder='例如：周六文明劝导'
              onInput={(e) => setTitle(e.detail.value)}
            />
          </View>
          <View className='field'>
            <View className='field__label'>活动说明</View>
            <Textarea
              className='field__textarea act-desc-input'
              value={description}
              maxlength={L.description}
              placeholder='做什么、要带什么、注意事项'
              onInput={(e) => setDescription(e.detail.value)}
            />
          </View>
          <View className='field'>
            <View className='field__label'>地点</View>
            <Input
              className='field__input act-place-input'
              value={place}
              maxlength={L.place}
              placeholder='例如：小区南门'
              onInput={(e) => setPlace(e.detail.value)}
            />
          </View>
          <View className='field'>
            <View className='field__label'>日期</View>
            <Choice
              className='act-day'
              columns={3}
              value={day}
              onChange={setDay}
              options={[0, 1, 2, 3, 4, 5, 6].map((n) => ({
                value: String(n),
                label: n === 0 ? '今天' : n === 1 ? '明天' : n === 2 ? '后天' : dayAfter(n).slice(5),
              }))}
            />
          </View>
          <View className='field'>
            <View className='field__label'>开始时间</View>
            <Input
              className='field__input act-time-input'
              value={time}
              maxlength={5}
              placeholder='09:00'
              onInput={(e) => setTime(e.detail.value.trim())}
            />
          </View>
          <View className='field'>
            <View className='field__label'>活动时长</View>
            <Choice
              className='act-hours'
              columns={3}
              value={hours}
              onChange={setHours}
              options={['1', '2', '3', '4', '6', '8'].map((h) => ({ value: h, label: `${h}小时` }))}
            />
          </View>
          <View className='field'>
            <View className='field__label'>报名截止</View>
            <Choice
              className='act-deadline'
              value={deadlineKind}
              onChange={setDeadlineKind}
              options={[
                { value: 'start', label: '活动开始时' },
                { value: 'eve', label: '前一天晚上8点' },
              ]}
            />
          </View>
        </View>
        <View className='card'>
          <View className='field'>
            <View className='field__label'>谁可以报名</View>
            <Choice
              className='act-scope'
              columns={1}
              value={chosen?.value}
              onChange={setScope}
              options={scopes.map(({ value, label }) => ({ value, label }))}
            />
          </View>
          <View className='field act-party'>
            <View className='field__label'>只限党员报名</View>
            <Switch checked={partyOnly} onChange={(e) => setPartyOnly(e.detail.value)} />
          </View>
          {slots.length === 0 ? (
            <View className='field'>
              <View className='field__label'>名额（满了以后可以候补）</View>
              <Input
                className='field__input act-capacity-input'
                type='number'
                value={capacity}
                onInput={(e) => setCapacity(e.detail.value)}
              />
            </View>
          ) : null}
          {slots.map((s, i) => (
            <View key={i} className='field act-slot-row'>
              <View className='field__label'>岗位 {i + 1}</View>
              <Input
                className='field__input'
                value={s.name}
                maxlength={L.slotName}
                placeholder='例如：文明劝导员'
                onInput={(e) => setSlots(slots.map((x, j) => (j === i ? { ...x, name: e.detail.value } : x)))}
              />
              <Input
                className='field__input'
                type='number'
                value={s.capacity}
                placeholder='人数'
                onInput={(e) => setSlots(slots.map((x, j) => (j === i ? { ...x, capacity: e.detail.value } : x)))}
              />
            </View>
          ))}
          <View className='actions'>
            {slots.length < L.slots ? (
              <Btn size='small' onClick={() => setSlots([...slots, { name: '', capacity: '5' }])}>
                按岗位设名额
              </Btn>
            ) : null}
            {slots.length ? (
              <Btn size='small' onClick={() => setSlots(slots.slice(0, -1))}>
                去掉一个岗位
              </Btn>
            ) : null}
          </View>
          <View className='field'>
            <View className='field__label'>图片（可选）</View>
            <View className='act-tags'>
              {images.map((i) => (
                <Image key={i.fileID} src={i.url} style={{ width: '80px', height: '80px' }} mode='aspectFill' />
              ))}
            </View>
            {images.length < L.images ? (
              <Btn
                size='small'
                onClick={async () => {
                  try {
                    setImages([...images, ...(await pickAndUploadImages('activities', L.images - images.length))]);
                  } catch (e) {
                    setError(toServiceError(e).message);
                  }
                }}
              >
                添加图片
              </Btn>
            ) : null}
          </View>
        </View>
        {error ? <View className='form-error act-create-error'>{error}</View> : null}
        <View className='actions'>
          <Btn type='primary' block loading={busy} className='act-submit' onClick={() => void submit()}>
            发布活动
          </Btn>
        </View>
      </StateView>
    </PageShell>
  );
}
