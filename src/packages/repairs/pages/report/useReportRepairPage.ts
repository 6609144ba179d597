/**
 * The report page's state: the places I may report for (one read), the way of
 * logging (本人报修, 住户报修（代登记）, 巡查登记) and the spots it offers, the form's
 * fields and photos, and the submit (one call, retried under the same request id).
 */
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import type { RepairPlaces } from '@core/repairs/contract';
import { MOBILE_PATTERN } from '@core/platform/patterns';
import { REPAIR_LIMITS, clocksOf, type CommonArea, type RepairCategory } from '@core/repairs/rules';
import type { PickedHome } from '@/components/HomePicker';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import { charCount } from '@/utils/text';
import { usePhotoUpload } from '../../components/PhotoPicker';
import { REPAIR_URLS, subscribeRepairs } from '../../logic';

type Spot = { kind: 'home'; homeId: string } | { kind: 'common'; compoundId: string };
/** self: a resident for their own home; forHome: 住户报修（代登记）; patrol: 巡查登记. */
export type Mode = 'self' | 'forHome' | 'patrol';

export function useReportRepairPage() {
  const places = useRemote<RepairPlaces>(() => api('repairs').call('repairs.places', {}), []);
  const [spot, setSpot] = useState<string>('');
  const [area, setArea] = useState<CommonArea>('building');
  const [buildingId, setBuildingId] = useState('');
  const [place, setPlace] = useState('');
  const [category, setCategory] = useState<RepairCategory | ''>('');
  const [description, setDescription] = useState('');
  const upload = usePhotoUpload(REPAIR_LIMITS.photos, (message) => void Taro.showToast({ title: message, icon: 'none' }));
  const photos = upload.photos;
  const [urgent, setUrgent] = useState(false);
  const [modeChosen, setMode] = useState<Mode | ''>('');
  const [forHome, setForHome] = useState<PickedHome | null>(null);
  const [source, setSource] = useState<'phone' | 'walkIn'>('phone');
  const [contactName, setContactName] = useState('');
  const [contactPhone, setContactPhone] = useState('');
  const [error, setError] = useState<string | null>(null);
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

  const chosen: Spot | undefined =
    mode === 'forHome' ? (forHome ? { kind: 'home', homeId: forHome.homeId } : undefined) : spots.find((s) => s.key === spot)?.spot;
  const compound = chosen?.kind === 'common' ? p?.compounds.find((c) => c.compoundId === chosen.compoundId) : undefined;

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

  return {
    places,
    p,
    modes,
    mode,
    setMode,
    logging: mode === 'forHome' || mode === 'patrol',
    /** Nothing to report for (yet): the page shows only its state. */
    blank: !p || modes.length === 0 || (mode !== 'forHome' && spots.length === 0),
    who: { forHome, setForHome, source, setSource, contactName, setContactName, contactPhone, setContactPhone },
    where: { spots, spot, setSpot, compound, area, setArea, buildingId, setBuildingId, place, setPlace },
    what: { category, setCategory, description, setDescription, urgent, setUrgent, clock: category ? clocksOf(category, urgent) : null },
    upload,
    error,
    submitting,
    submit,
  };
}

export type ReportRepairPage = ReturnType<typeof useReportRepairPage>;
