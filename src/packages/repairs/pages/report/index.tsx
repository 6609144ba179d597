/**
 * 我要报修: where (my home, or a common area of my compound), what, a description,
 * up to 9 photos (uploaded into my own folder), urgent or not. The property's
 * manager and staff log with repairs.log: 住户报修（代登记） for a home (a phone
 * call or a walk-in: building → unit → room, the caller's name and phone as typed;
 * the repair is the home's, its residents confirm it) or 巡查登记 for what they
 * found on patrol. A rejected text keeps the form as it was.
 */
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Input, Switch, Textarea, View } from '@tarojs/components';
import type { RepairPlaces } from '@core/repairs/contract';
import { MOBILE_PATTERN } from '@core/platform/patterns';
import {
  COMMON_AREAS,
  COMMON_AREA_LABELS,
  REPAIR_CATEGORIES,
  REPAIR_LIMITS,
  clocksOf,
  type CommonArea,
  type RepairCategory,
} from '@core/repairs/rules';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { pickAndUploadImages, type UploadedFile } from '@/services/upload';
import { api, toServiceError } from '@/services/cloud';
import { charCount } from '@/utils/text';
import HomePicker, { type PickedHome } from '@/components/HomePicker';
import { REPAIR_URLS, subscribeRepairs } from '../../logic';
import '../../common.scss';
import './index.scss';

type Spot = { kind: 'home'; homeId: string } | { kind: 'common'; compoundId: string };
/** self: a resident for their own home; forHome: 住户报修（代登记）; patrol: 巡查登记. */
type Mode = 'self' | 'forHome' | 'patrol';

export default function ReportRepairPage() {
  const places = useRemote<RepairPlaces>(() => api('repairs').call('repairs.places', {}), []);
  const [spot, setSpot] = useState<string>('');
  const [area, setArea] = useState<CommonArea>('building');
  const [buildingId, setBuildingId] = useState('');
  const [place, setPlace] = useState('');
  const [category, setCategory] = useState<RepairCategory | ''>('');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<UploadedFile[]>([]);
  const [urgent, setUrgent] = useState(false);
  const [modeChosen, setMode] = useState<Mode | ''>('');
  const [forHome, setForHome] = useState<PickedHome | null>(null);
  const [source, setSource] = useState<'phone' | 'walkIn'>('phone');
  const [contactName, setContactName] = useState('');
  const [contactPhone, setContactPhone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const requestId = useRequestId([
    modeChosen,
    spot,
    forHome?.homeId,
    source,
    contactName.trim(),
    contactPhone.trim(),
    area,
    buildingId,
    place,
    category,
    description,
    photos.map((p) => p.fileID),
    urgent,
  ]);

  const p = places.data;
  const canLog = !!p && p.logCompounds.length > 0;
  const modes: { value: Mode; label: string }[] = p
    ? [
        ...(p.homes.length ? [{ value: 'self' as const, label: '本人报修' }] : []),
        ...(canLog
          ? [
              { value: 'forHome' as const, label: '住户报修（代登记）' },
              { value: 'patrol' as const, label: '巡查登记' },
            ]
          : []),
      ]
    : [];
  // Until chosen: one's own report for a resident, patrol for the property's people without a home here.
  const mode: Mode = modeChosen || (modes.some((m) => m.value === 'self') ? 'self' : 'patrol');
  const logging = mode === 'forHome' || mode === 'patrol';
  const spots: { key: string; label: string; spot: Spot }[] = p
    ? mode === 'patrol'
      ? p.compounds
          .filter((c) => p.logCompounds.includes(c.compoundId))
          .map((c) => ({
            key: `c:${c.compoundId}`,
            label: `${c.name} 公共区域`,
            spot: { kind: 'common' as const, compoundId: c.compoundId },
          }))
      : [
          ...p.homes.map((h) => ({ key: `h:${h.homeId}`, label: `我家：${h.label}`, spot: { kind: 'home' as const, homeId: h.homeId } })),
          ...p.compounds
            .filter((c) => p.homes.some((h) => h.compoundId === c.compoundId))
            .map((c) => ({
              key: `c:${c.compoundId}`,
              label: `${c.name} 公共区域`,
              spot: { kind: 'common' as const, compoundId: c.compoundId },
            })),
        ]
    : [];
  useEffect(() => {
    if ((!spot || !spots.some((s) => s.key === spot)) && spots.length) setSpot(spots[0].key);
  }, [spot, mode, spots.length]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!p || modes.length === 0 || (mode !== 'forHome' && spots.length === 0)) {
    return (
      <PageShell className='repair-report'>
        <StateView
          {...places.state}
          empty={!!p && { title: '还没有可以报修的地方', text: '绑定房屋后，可以为自家和所住小区的公共区域报修。' }}
        />
      </PageShell>
    );
  }
  const chosen: Spot | undefined =
    mode === 'forHome' ? (forHome ? { kind: 'home', homeId: forHome.homeId } : undefined) : spots.find((s) => s.key === spot)?.spot;
  const compound = chosen?.kind === 'common' ? p.compounds.find((c) => c.compoundId === chosen.compoundId) : undefined;
  const clock = category ? clocksOf(category, urgent) : null;

  async function addPhotos() {
    setUploading(true);
    try {
      const added = await pickAndUploadImages('repairs', REPAIR_LIMITS.photos - photos.length);
      setPhotos((prev) => [...prev, ...added].slice(0, REPAIR_LIMITS.photos));
    } catch (e) {
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setUploading(false);
    }
  }

  async function submit() {
    setError(null);
    if (!chosen) return setError(mode === 'forHome' ? '请选择住户的房屋（楼栋、单元、房号）' : '请选择报修位置');
    if (mode === 'forHome' && contactPhone.trim() && !MOBILE_PATTERN.test(contactPhone.trim())) return setError('请填写11位手机号');
    if (mode === 'forHome' && charCount(contactName.trim()) > REPAIR_LIMITS.contactName)
      return setError(`姓名最多${REPAIR_LIMITS.contactName}个字`);
    if (!category) return setError('请选择报修类别');
    if (!description.trim()) return setError('请描述要修什么');
    if (charCount(description) > REPAIR_LIMITS.description) return setError(`描述最多${REPAIR_LIMITS.description}个字`);
    const where =
      chosen.kind === 'home'
        ? { kind: 'home' as const, homeId: chosen.homeId }
        : {
            kind: 'common' as const,
            compoundId: chosen.compoundId,
            area,
            ...(buildingId ? { buildingId } : {}),
            ...(place.trim() ? { place: place.trim() } : {}),
          };
    const body = {
      clientRequestId: requestId.id,
      where,
      category,
      description: description.trim(),
      photos: photos.map((x) => x.fileID),
      urgent,
    };
    setSubmitting(true);
    try {
      // The logger hears nothing about a home's repair (its residents do): no prompt for it.
      if (mode !== 'forHome') await subscribeRepairs();
      const saved =
        mode === 'forHome'
          ? await api('repairs').call('repairs.log', {
              ...body,
              source,
              ...(contactName.trim() ? { contactName: contactName.trim() } : {}),
              ...(contactPhone.trim() ? { contactPhone: contactPhone.trim() } : {}),
            })
          : mode === 'patrol'
            ? await api('repairs').call('repairs.log', { ...body, source: 'patrol' })
            : await api('repairs').call('repairs.report', body);
      requestId.renew();
      void Taro.showToast({ title: '已提交', icon: 'success' });
      Taro.redirectTo({ url: `${REPAIR_URLS.repairDetail}?id=${encodeURIComponent(saved.id)}` });
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <PageShell className='repair-report'>
      {modes.length > 1 ? (
        <View className='card'>
          <View className='card__title'>登记方式</View>
          <Choice className='report-modes' columns={1} options={modes} value={mode} onChange={setMode} />
        </View>
      ) : null}
      {mode === 'patrol' ? <View className='banner banner--info'>巡查登记：记录您在小区里发现的问题，提交后进入报修管理。</View> : null}
      {mode === 'forHome' ? (
        <View className='banner banner--info'>
          住户报修（代登记）：住户打电话或上门报修时，替他登记。报修属于这户，住户在“我的报修”里看到进度，并确认、评价；进度消息发给这户的住户。
        </View>
      ) : null}
      {mode === 'forHome' ? (
        <View className='card'>
          <View className='card__title'>哪一户</View>
          <HomePicker compoundIds={p.logCompounds} value={forHome} onChange={setForHome} classPrefix='log' pickedLabel='报修房屋' />
          <View className='field__label'>怎么报的</View>
          <Choice
            className='report-sources'
            columns={2}
            options={[
              { value: 'phone' as const, label: '电话报修' },
              { value: 'walkIn' as const, label: '上门报修' },
            ]}
            value={source}
            onChange={setSource}
          />
          <View className='field'>
            <View className='field__label'>
              报修人姓名<View className='field__optional'>选填</View>
            </View>
            <Input
              className='field__input report-contact-name'
              value={contactName}
              maxlength={REPAIR_LIMITS.contactName}
              placeholder='例如：李阿姨'
              onInput={(e) => setContactName(e.detail.value)}
            />
          </View>
          <View className='field'>
            <View className='field__label'>
              联系电话<View className='field__optional'>选填</View>
            </View>
            <Input
              className='field__input report-contact-phone'
              type='number'
              value={contactPhone}
              maxlength={11}
              placeholder='维修师傅上门前联系'
              onInput={(e) => setContactPhone(e.detail.value)}
            />
          </View>
          <View className='repair-note'>姓名和电话只给物业和维修师傅看，不会建立账号。</View>
        </View>
      ) : null}
      {mode !== 'forHome' ? (
        <View className='card'>
          <View className='card__title'>哪里要修</View>
          <Choice
            className='report-spots'
            columns={1}
            options={spots.map((s) => ({ value: s.key, label: s.label }))}
            value={spot}
            onChange={setSpot}
          />
          {compound ? (
            <View className='report-common'>
              <View className='field__label'>公共区域</View>
              <Choice
                className='report-areas'
                columns={3}
                options={COMMON_AREAS.map((a) => ({ value: a, label: COMMON_AREA_LABELS[a] }))}
                value={area}
                onChange={setArea}
              />
              <View className='field__label'>哪一栋（选填）</View>
              <Choice
                className='report-buildings'
                columns={3}
                options={[{ value: '', label: '不限' }, ...compound.buildings.map((b) => ({ value: b.buildingId, label: b.name }))]}
                value={buildingId}
                onChange={setBuildingId}
              />
              <View className='field'>
                <View className='field__label'>
                  具体位置<View className='field__optional'>选填</View>
                </View>
                <Input
                  className='field__input report-place'
                  value={place}
                  maxlength={REPAIR_LIMITS.place}
                  placeholder='例如：1单元电梯、东门车棚'
                  onInput={(e) => setPlace(e.detail.value)}
                />
              </View>
              <View className='repair-note'>公共区域的报修会显示在小区“公共报修”里（不显示您的姓名），邻居可以点“我也遇到”。</View>
            </View>
          ) : null}
        </View>
      ) : null}

      <View className='card'>
        <View className='card__title'>修什么</View>
        <Choice
          className='report-categories'
          columns={2}
          options={REPAIR_CATEGORIES.map((c) => ({ value: c, label: c }))}
          value={category || null}
          onChange={setCategory}
        />
        <View className='field'>
          <View className='field__label report-label'>
            描述
            <View className='report-count'>
              {charCount(description)}/{REPAIR_LIMITS.description}
            </View>
          </View>
          <Textarea
            className='field__textarea report-description'
            value={description}
            maxlength={REPAIR_LIMITS.description}
            placeholder='哪里坏了、从什么时候开始、方便上门的时间'
            onInput={(e) => setDescription(e.detail.value)}
          />
        </View>
        <View className='report-urgent' onClick={() => setUrgent(!urgent)}>
          <View className='report-urgent__main'>
            <View className='report-urgent__title'>紧急</View>
            <View className='muted'>漏水、停电、电梯困人等需要马上处理的</View>
          </View>
          <View onClick={(e) => e.stopPropagation()}>
            <Switch className='report-urgent__switch' checked={urgent} color='#c83a2a' onChange={(e) => setUrgent(e.detail.value)} />
          </View>
        </View>
        {clock ? (
          <View className='repair-note report-clock'>
            物业承诺：{clock.acceptHours}小时内受理，
            {clock.finishHours >= 24 ? `${Math.round(clock.finishHours / 24)}天` : `${clock.finishHours}小时`}内修好。超时可以催单。
          </View>
        ) : null}
      </View>

      <View className='card'>
        <View className='field__label report-label'>
          照片
          <View className='report-count'>
            {photos.length}/{REPAIR_LIMITS.photos}
          </View>
        </View>
        <View className='repair-photos'>
          {photos.map((img, i) => (
            <View key={img.fileID} className='repair-photo'>
              <Image className='repair-photo__img' src={img.url} mode='aspectFill' />
              <View className='repair-photo__remove' onClick={() => setPhotos((prev) => prev.filter((_, j) => j !== i))}>
                ×
              </View>
            </View>
          ))}
          {photos.length < REPAIR_LIMITS.photos ? (
            <View className='repair-photo repair-photo--add report-add-photo' onClick={uploading ? undefined : addPhotos}>
              {uploading ? '上传中…' : '＋'}
            </View>
          ) : null}
        </View>
        <View className='repair-note'>拍清楚坏的地方，师傅可以提前带好工具和配件。</View>
      </View>

      {error ? <View className='form-error report-error'>{error}</View> : null}
      <Btn type='primary' block loading={submitting} disabled={uploading} className='report-submit' onClick={submit}>
        {logging ? '登记报修' : '提交报修'}
      </Btn>
    </PageShell>
  );
}
