/**
 * The state of 发起志愿活动: the form's fields, where this person may organise (from
 * the permission table), and the one create call (retries carry the same request id).
 */
import { useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { scopedGrants } from '@core/authz';
import { dayAfter, shanghaiInstant } from '@core/platform/period';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import type { UploadedFile } from '@/services/upload';
import { loadMe } from '@/store/me';
import { routePaths } from '@/features/route-table';
import { ACTIVITY_ROUTES } from '@/features/activities/routes';

const url = routePaths(ACTIVITY_ROUTES);

export interface SlotDraft {
  name: string;
  capacity: string;
}

export function useActivityCreatePage() {
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
  const [slots, setSlots] = useState<SlotDraft[]>([]);
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

  return {
    me,
    title,
    setTitle,
    description,
    setDescription,
    place,
    setPlace,
    day,
    setDay,
    time,
    setTime,
    hours,
    setHours,
    deadlineKind,
    setDeadlineKind,
    setScope,
    partyOnly,
    setPartyOnly,
    capacity,
    setCapacity,
    slots,
    setSlots,
    images,
    setImages,
    error,
    setError,
    busy,
    scopes,
    chosen,
    submit,
  };
}
