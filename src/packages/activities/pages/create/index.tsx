/**
 * 发起志愿活动: what, where, when (a day and a start time, how long), who may join
 * (the places the organiser's roles cover; party members only), and places — one
 * number, or by role (文明劝导员 × 5). Photos upload into the organiser's own folder.
 * The state and the create call are in useActivityCreatePage.
 */
import { Input, Switch, Textarea, View } from '@tarojs/components';
import { ACTIVITY_LIMITS as L } from '@core/activities/limits';
import { dayAfter } from '@core/platform/period';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import '@/packages/activities/common.scss';
import ImagesField from './ImagesField';
import SlotsField from './SlotsField';
import { useActivityCreatePage } from './useActivityCreatePage';

export default function ActivityCreatePage() {
  const p = useActivityCreatePage();
  const { me, scopes, chosen, title, description, place, day, time, hours, deadlineKind, partyOnly, error, busy } = p;
  const { setTitle, setDescription, setPlace, setDay, setTime, setHours, setDeadlineKind, setScope, setPartyOnly } = p;

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
          <SlotsField capacity={p.capacity} setCapacity={p.setCapacity} slots={p.slots} setSlots={p.setSlots} />
          <ImagesField images={p.images} setImages={p.setImages} setError={p.setError} />
        </View>
        {error ? <View className='form-error act-create-error'>{error}</View> : null}
        <View className='actions'>
          <Btn type='primary' block loading={busy} className='act-submit' onClick={() => void p.submit()}>
            发布活动
          </Btn>
        </View>
      </StateView>
    </PageShell>
  );
}
