/**
 * The repair detail page's state: the repair (one read), the step form (note, photos,
 * rating, costs), the staff and merge pickers and the cost sheet, and every move as
 * one call whose answer replaces the repair on screen.
 */
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import type { RepairDetail, StaffOption } from '@core/repairs/contract';
import { REPAIR_LIMITS, fenToYuan, takesMerges, yuanToFen } from '@core/repairs/rules';
import { useRemote } from '@/hooks/useRemote';
import { api, toServiceError } from '@/services/cloud';
import { usePhotoUpload } from '../../components/PhotoPicker';
import { FORM, type StepAction } from './steps';

export function useRepairDetailPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const repair = useRemote<RepairDetail>(() => api('repairs').call('repairs.get', { repairId: id }), [id]);
  const [form, setForm] = useState<StepAction | null>(null);
  const [note, setNote] = useState('');
  const [rating, setRating] = useState(0);
  const [labour, setLabour] = useState('');
  const [materials, setMaterials] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const upload = usePhotoUpload(REPAIR_LIMITS.stepPhotos, setFormError);
  const [staffOpen, setStaffOpen] = useState(false);
  const [staff, setStaff] = useState<StaffOption[] | null>(null);
  const [mergeOpen, setMergeOpen] = useState(false);
  const [mergeInto, setMergeInto] = useState<{ id: string; label: string }[] | null>(null);
  const [costOpen, setCostOpen] = useState(false);
  const r = repair.data;
  const call = api('repairs');
  const apply = (d: RepairDetail) => repair.setData(d);
  /** A sheet's pick: show the answer, close the sheet. */
  const closing = (setOpen: (open: boolean) => void) => (d: RepairDetail) => {
    apply(d);
    setOpen(false);
  };

  function openForm(a: StepAction) {
    setForm(a);
    setNote('');
    upload.setPhotos([]);
    setRating(0);
    setLabour(r && r.labourFen ? fenToYuan(r.labourFen) : '');
    setMaterials(r && r.materialsFen ? fenToYuan(r.materialsFen) : '');
    setFormError(null);
  }

  async function run<T>(what: () => Promise<T>, done: string, after?: (v: T) => void) {
    setBusy(true);
    setFormError(null);
    try {
      const v = await what();
      after?.(v);
      void Taro.showToast({ title: done, icon: 'success' });
      return true;
    } catch (e) {
      const msg = toServiceError(e).message;
      setFormError(msg);
      void Taro.showToast({ title: msg, icon: 'none' });
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function submitForm() {
    if (!form || !r) return;
    const spec = FORM[form];
    const text = note.trim();
    if (spec.noteRequired && !text) return setFormError('请填写说明');
    const ids = upload.photos.map((p) => p.fileID);
    let ok: boolean;
    if (form === 'confirm') {
      if (rating < 1) return setFormError('请点星星打分（1到5颗星）');
      ok = await run(() => call.call('repairs.confirm', { repairId: r.id, rating, ...(text ? { comment: text } : {}) }), '已确认', apply);
    } else if (form === 'finish') {
      const l = labour.trim() ? yuanToFen(labour) : 0;
      const m = materials.trim() ? yuanToFen(materials) : 0;
      if (l === null || m === null) return setFormError('费用请填写金额，例如 50 或 12.5');
      ok = await run(
        () => call.call('repairs.finish', { repairId: r.id, photos: ids, labourFen: l, materialsFen: m, ...(text ? { note: text } : {}) }),
        '已完工',
        apply,
      );
    } else if (form === 'reopen') {
      ok = await run(() => call.call('repairs.reopen', { repairId: r.id, note: text, photos: ids }), '已重新提交', apply);
    } else if (form === 'start') {
      ok = await run(() => call.call('repairs.start', { repairId: r.id, photos: ids, ...(text ? { note: text } : {}) }), '已开始', apply);
    } else {
      ok = await run(() => call.call('repairs.cancel', { repairId: r.id, ...(text ? { note: text } : {}) }), '已取消', apply);
    }
    if (ok) setForm(null);
  }

  async function openStaff() {
    setStaffOpen(true);
    setFormError(null);
    if (!staff && r) {
      try {
        setStaff((await call.call('repairs.staff', { compoundId: r.compoundId })).items);
      } catch (e) {
        setFormError(toServiceError(e).message);
      }
    }
  }
  async function openMerge() {
    setMergeOpen(true);
    if (r) {
      try {
        const list = await call.call('repairs.list', { compoundId: r.compoundId, filter: 'open', size: 50 });
        setMergeInto(
          list.items
            .filter((x) => x.id !== r.id && x.mergeKey === r.mergeKey && takesMerges(x.status))
            .map((x) => ({ id: x.id, label: `${x.category} · ${x.placeLabel} · ${x.statusLabel}` })),
        );
      } catch (e) {
        setFormError(toServiceError(e).message);
      }
    }
  }
  function openCost() {
    setLabour(fenToYuan(r?.labourFen ?? 0));
    setMaterials(fenToYuan(r?.materialsFen ?? 0));
    setCostOpen(true);
  }

  /** The moves that need no form: each replaces the repair with the answer. They show only with a repair on screen. */
  const repairId = r?.id ?? id;
  const moves = {
    accept: () => void run(() => call.call('repairs.accept', { repairId }), '已受理', apply),
    urge: () => void run(() => call.call('repairs.urge', { repairId }), '已催单', apply),
    follow: () =>
      void run(
        () => call.call('repairs.follow', { repairId }),
        '已记录',
        (v) => r && repair.setData({ ...r, followers: v.followers, following: true }),
      ),
    assign: (assigneeId: string) => void run(() => call.call('repairs.assign', { repairId, assigneeId }), '已派单', closing(setStaffOpen)),
    merge: (intoId: string) => void run(() => call.call('repairs.merge', { repairId, intoId }), '已合并', closing(setMergeOpen)),
    saveCost: () => {
      const l = yuanToFen(labour || '0');
      const m = yuanToFen(materials || '0');
      if (l === null || m === null) return setFormError('费用请填写金额，例如 50 或 12.5');
      void run(() => call.call('repairs.setCost', { repairId, labourFen: l, materialsFen: m }), '已保存', closing(setCostOpen));
    },
  };

  return {
    repair,
    r,
    busy,
    moves,
    step: { form, setForm, openForm, note, setNote, rating, setRating, upload, submit: submitForm },
    cost: { labour, setLabour, materials, setMaterials, open: costOpen, setOpen: setCostOpen, openCost },
    formError,
    staff: { open: staffOpen, setOpen: setStaffOpen, list: staff, openStaff },
    merge: { open: mergeOpen, setOpen: setMergeOpen, targets: mergeInto, openMerge },
  };
}

export type RepairDetailPage = ReturnType<typeof useRepairDetailPage>;
