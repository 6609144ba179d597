/**
 * One repair: where and what, its photos, its clock, every step with who, when, a
 * note and photos, and the moves this person may make now — the buttons come from
 * the view's `actions` (core/repairs/rules.ts decides them, the function checks
 * every call). Subscribe messages link here, so the path is fixed.
 */
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Image, Input, Textarea, View } from '@tarojs/components';
import type { RepairDetail, RepairPhoto, StaffOption } from '@core/repairs/contract';
import { REPAIR_ACTION_LABELS, REPAIR_LIMITS, fenToYuan, takesMerges, yuanToFen, type RepairAction } from '@core/repairs/rules';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Loading from '@/components/Loading';
import Btn from '@/components/Btn';
import Sheet from '@/components/Sheet';
import { useRemote } from '@/hooks/useRemote';
import { pickAndUploadImages, type UploadedFile } from '@/services/upload';
import { api, toServiceError } from '@/services/cloud';
import { formatDateTime } from '@/utils/format';
import { openRepair } from '../../logic';
import '../../common.scss';
import './index.scss';

type StepAction = Exclude<RepairAction, 'autoClose' | 'assign' | 'merge' | 'accept'>;
/** Moves that take a short form (note, photos, rating, costs) before they go. */
const FORM: Record<StepAction, { title: string; photos: boolean; noteLabel: string; noteRequired?: boolean }> = {
  start: { title: '开始维修', photos: true, noteLabel: '现场情况（选填）' },
  finish: { title: '完工', photos: true, noteLabel: '做了什么（选填）' },
  confirm: { title: '确认完成并评价', photos: false, noteLabel: '评价（选填）' },
  reopen: { title: '没修好，重新处理', photos: true, noteLabel: '哪里没修好', noteRequired: true },
  cancel: { title: '取消报修', photos: false, noteLabel: '取消原因（选填）' },
};

function Photos({ list }: { list: RepairPhoto[] }) {
  if (!list.length) return null;
  const urls = list.filter((p) => p.url).map((p) => p.url);
  return (
    <View className='repair-photos'>
      {list.map((p) => (
        <View key={p.fileID} className='repair-photo' onClick={() => p.url && void Taro.previewImage({ urls, current: p.url })}>
          {p.url ? <Image className='repair-photo__img' src={p.url} mode='aspectFill' /> : null}
          {p.check === 'pending' ? <View className='repair-photo__badge'>审核中</View> : null}
        </View>
      ))}
    </View>
  );
}

export default function RepairDetailPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const repair = useRemote<RepairDetail>(() => api('repairs').call('repairs.get', { repairId: id }), [id]);
  const [form, setForm] = useState<StepAction | null>(null);
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<UploadedFile[]>([]);
  const [rating, setRating] = useState(0);
  const [labour, setLabour] = useState('');
  const [materials, setMaterials] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [staffOpen, setStaffOpen] = useState(false);
  const [staff, setStaff] = useState<StaffOption[] | null>(null);
  const [mergeOpen, setMergeOpen] = useState(false);
  const [mergeInto, setMergeInto] = useState<{ id: string; label: string }[] | null>(null);
  const [costOpen, setCostOpen] = useState(false);

  const r = repair.data;
  if (!r) {
    return (
      <PageShell className='repair-detail'>{repair.loading || !repair.error ? <Loading /> : <StateView {...repair.state} />}</PageShell>
    );
  }

  function openForm(a: StepAction) {
    setForm(a);
    setNote('');
    setPhotos([]);
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
  const apply = (d: RepairDetail) => repair.setData(d);
  const call = api('repairs');

  async function addPhotos() {
    setUploading(true);
    try {
      const added = await pickAndUploadImages('repairs', REPAIR_LIMITS.stepPhotos - photos.length);
      setPhotos((prev) => [...prev, ...added].slice(0, REPAIR_LIMITS.stepPhotos));
    } catch (e) {
      setFormError(toServiceError(e).message);
    } finally {
      setUploading(false);
    }
  }

  async function submitForm() {
    if (!form || !r) return;
    const spec = FORM[form];
    const text = note.trim();
    if (spec.noteRequired && !text) return setFormError('请填写说明');
    const ids = photos.map((p) => p.fileID);
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

  const stepActions = r.actions.filter((a): a is StepAction => a in FORM);
  const stars = [1, 2, 3, 4, 5];

  return (
    <PageShell className='repair-detail'>
      <View className='card repair-head'>
        <View className='repair-head__top'>
          {r.urgent ? <View className='repair-tag repair-tag--urgent'>紧急</View> : null}
          {r.overdue ? <View className='repair-tag repair-tag--overdue'>已超时</View> : null}
          <View className='repair-head__title'>{r.category}</View>
          <View className={`repair-status repair-status--${r.status} repair-detail__status`}>{r.statusLabel}</View>
        </View>
        <View className='repair-head__place'>{r.placeLabel}</View>
        <View className='banner banner--info repair-next'>{r.nextStep}</View>
        <View className='repair-head__desc'>{r.description}</View>
        <Photos list={r.photos} />
        <View className='repair-head__meta'>
          {r.access === 'full' && r.reporterName ? `报修人：${r.reporterName} · ` : ''}
          {formatDateTime(r.createdAt)}
          {r.contactName ? ` · 联系人 ${r.contactName}` : ''}
          {r.contactPhone ? ` · 电话 ${r.contactPhone}` : ''}
        </View>
        {r.showClocks ? (
          <View className='repair-clock'>
            <View className={r.acceptLate ? 'repair-clock--late' : ''}>
              受理时限 {formatDateTime(r.acceptDueAt)}
              {r.acceptedAt ? `（${formatDateTime(r.acceptedAt)} 已受理）` : ''}
            </View>
            <View className={r.finishLate ? 'repair-clock--late' : ''}>
              完工时限 {formatDateTime(r.finishDueAt)}
              {r.doneAt ? `（${formatDateTime(r.doneAt)} 已完工）` : ''}
            </View>
          </View>
        ) : null}
        {r.mergedIntoId ? (
          <View className='repair-merged' onClick={() => openRepair(r.mergedIntoId!)}>
            已合并到同一问题的报修，点此查看进度 ›
          </View>
        ) : null}
      </View>

      {r.scope === 'common' ? (
        <View className='card repair-follow'>
          <View className='repair-follow__count'>{r.followers > 0 ? `${r.followers} 位邻居也遇到` : '还没有邻居点“我也遇到”'}</View>
          {r.following ? (
            <View className='repair-follow__done'>您已点过“我也遇到”</View>
          ) : r.canFollow ? (
            <Btn
              type='primary'
              block
              loading={busy}
              className='repair-follow-btn'
              onClick={() =>
                void run(
                  () => call.call('repairs.follow', { repairId: r.id }),
                  '已记录',
                  (v) => repair.setData({ ...r, followers: v.followers, following: true }),
                )
              }
            >
              我也遇到
            </Btn>
          ) : null}
        </View>
      ) : null}

      {r.rating ? (
        <View className='card repair-rating'>
          <View className='card__title'>评价</View>
          <View className='repair-stars repair-stars--static'>
            {stars.map((s) => (
              <View key={s} className={`repair-star${s <= r.rating! ? ' repair-star--on' : ''}`}>
                ★
              </View>
            ))}
          </View>
          {r.comment ? <View className='repair-rating__comment'>{r.comment}</View> : null}
        </View>
      ) : null}

      {r.labourFen !== undefined && (r.labourFen > 0 || (r.materialsFen ?? 0) > 0 || r.canSetCost) ? (
        <View className='card repair-costs'>
          <View className='card__title'>费用</View>
          <View className='row'>
            <View className='row__main'>人工</View>
            <View className='row__side'>{fenToYuan(r.labourFen)} 元</View>
          </View>
          <View className='row'>
            <View className='row__main'>材料</View>
            <View className='row__side'>{fenToYuan(r.materialsFen ?? 0)} 元</View>
          </View>
          {r.canSetCost && !form ? (
            <Btn
              size='small'
              className='repair-cost-edit'
              onClick={() => {
                setLabour(fenToYuan(r.labourFen ?? 0));
                setMaterials(fenToYuan(r.materialsFen ?? 0));
                setCostOpen(true);
              }}
            >
              修改费用
            </Btn>
          ) : null}
        </View>
      ) : null}

      {r.actions.length > 0 || r.canUrge || (r.urgeProblem && r.status !== 'done') ? (
        <View className='card repair-actions'>
          <View className='card__title'>下一步</View>
          {r.actions.includes('accept') ? (
            <Btn
              type='primary'
              block
              loading={busy}
              className='repair-act-accept'
              onClick={() => void run(() => call.call('repairs.accept', { repairId: r.id }), '已受理', apply)}
            >
              {REPAIR_ACTION_LABELS.accept}
            </Btn>
          ) : null}
          {r.actions.includes('assign') ? (
            <Btn
              type={r.actions.includes('accept') ? 'default' : 'primary'}
              block
              className='repair-act-assign'
              onClick={() => void openStaff()}
            >
              {r.status === 'assigned' ? '改派给其他师傅' : '派单给维修师傅'}
            </Btn>
          ) : null}
          {stepActions.map((a) => (
            <Btn
              key={a}
              type={a === 'cancel' || a === 'reopen' ? 'default' : 'primary'}
              block
              className={`repair-act-${a}`}
              onClick={() => openForm(a)}
            >
              {REPAIR_ACTION_LABELS[a]}
            </Btn>
          ))}
          {r.actions.includes('merge') ? (
            <Btn block className='repair-act-merge' onClick={() => void openMerge()}>
              {REPAIR_ACTION_LABELS.merge}
            </Btn>
          ) : null}
          {r.canUrge ? (
            <Btn
              type='danger'
              block
              loading={busy}
              className='repair-act-urge'
              onClick={() => void run(() => call.call('repairs.urge', { repairId: r.id }), '已催单', apply)}
            >
              催单
            </Btn>
          ) : r.urgeProblem && r.status !== 'done' ? (
            <View className='muted repair-urge-note'>{r.urgeProblem}</View>
          ) : null}
        </View>
      ) : null}

      <View className='section-title'>处理记录</View>
      <View className='card repair-timeline'>
        {r.events.map((e, i) => (
          <View key={i} className={`repair-event repair-event--${e.action}`}>
            <View className='repair-event__dot' />
            <View className='repair-event__body'>
              <View className='repair-event__label'>
                {e.label}
                {e.assigneeName ? ` → ${e.assigneeName}` : ''}
              </View>
              <View className='repair-event__meta'>
                {e.by} · {formatDateTime(e.at)}
              </View>
              {e.note ? <View className='repair-event__note'>{e.note}</View> : null}
              <Photos list={e.photos} />
            </View>
          </View>
        ))}
      </View>

      <Sheet open={!!form} title={form ? FORM[form].title : ''} onClose={() => setForm(null)} className='repair-sheet'>
        {form === 'confirm' ? (
          <View className='repair-stars'>
            {stars.map((s) => (
              <View key={s} className={`repair-star repair-star-${s}${s <= rating ? ' repair-star--on' : ''}`} onClick={() => setRating(s)}>
                ★
              </View>
            ))}
          </View>
        ) : null}
        {form === 'finish' ? (
          <View className='repair-cost-fields'>
            <View className='field'>
              <View className='field__label'>人工费（元，选填）</View>
              <Input className='field__input repair-labour' type='digit' value={labour} onInput={(e) => setLabour(e.detail.value)} />
            </View>
            <View className='field'>
              <View className='field__label'>材料费（元，选填）</View>
              <Input
                className='field__input repair-materials'
                type='digit'
                value={materials}
                onInput={(e) => setMaterials(e.detail.value)}
              />
            </View>
          </View>
        ) : null}
        {form ? (
          <View className='field'>
            <View className='field__label'>{FORM[form].noteLabel}</View>
            <Textarea
              className='field__textarea repair-form-note'
              value={note}
              maxlength={REPAIR_LIMITS.note}
              onInput={(e) => setNote(e.detail.value)}
            />
          </View>
        ) : null}
        {form && FORM[form].photos ? (
          <View className='repair-photos'>
            {photos.map((p, i) => (
              <View key={p.fileID} className='repair-photo'>
                <Image className='repair-photo__img' src={p.url} mode='aspectFill' />
                <View className='repair-photo__remove' onClick={() => setPhotos((prev) => prev.filter((_, j) => j !== i))}>
                  ×
                </View>
              </View>
            ))}
            <View className='repair-photo repair-photo--add repair-form-photo' onClick={uploading ? undefined : addPhotos}>
              {uploading ? '上传中…' : form === 'finish' ? '＋完工照' : '＋照片'}
            </View>
          </View>
        ) : null}
        {formError ? <View className='form-error repair-form-error'>{formError}</View> : null}
        <Btn
          type={form === 'cancel' ? 'danger' : 'primary'}
          block
          loading={busy}
          disabled={uploading}
          className='repair-form-submit'
          onClick={() => void submitForm()}
        >
          {form === 'cancel' ? '确认取消' : '提交'}
        </Btn>
      </Sheet>

      <Sheet open={staffOpen} title='派给谁' onClose={() => setStaffOpen(false)} className='repair-staff-sheet'>
        {staff === null ? <Loading /> : null}
        {(staff ?? []).map((s) => (
          <View
            key={s.personId}
            className='row row--link repair-staff'
            onClick={() =>
              void run(
                () => call.call('repairs.assign', { repairId: r.id, assigneeId: s.personId }),
                '已派单',
                (d) => {
                  apply(d);
                  setStaffOpen(false);
                },
              )
            }
          >
            <View className='row__main'>
              <View className='row__title repair-staff__name'>{s.name}</View>
              <View className='row__sub'>
                {s.roleLabel} · 手上 {s.queue} 单
              </View>
            </View>
          </View>
        ))}
        {formError && staffOpen ? <View className='form-error'>{formError}</View> : null}
      </Sheet>

      <Sheet open={mergeOpen} title='合并到哪一条（保留那一条，本条的报修人和“我也遇到”都转过去）' onClose={() => setMergeOpen(false)}>
        {mergeInto === null ? <Loading /> : mergeInto.length === 0 ? <View className='muted'>没有可以合并的同类报修</View> : null}
        {(mergeInto ?? []).map((m) => (
          <View
            key={m.id}
            className='row row--link repair-merge-target'
            onClick={() =>
              void run(
                () => call.call('repairs.merge', { repairId: r.id, intoId: m.id }),
                '已合并',
                (d) => {
                  apply(d);
                  setMergeOpen(false);
                },
              )
            }
          >
            <View className='row__main'>{m.label}</View>
          </View>
        ))}
      </Sheet>

      <Sheet open={costOpen} title='登记费用' onClose={() => setCostOpen(false)}>
        <View className='field'>
          <View className='field__label'>人工费（元）</View>
          <Input className='field__input' type='digit' value={labour} onInput={(e) => setLabour(e.detail.value)} />
        </View>
        <View className='field'>
          <View className='field__label'>材料费（元）</View>
          <Input className='field__input' type='digit' value={materials} onInput={(e) => setMaterials(e.detail.value)} />
        </View>
        {formError ? <View className='form-error'>{formError}</View> : null}
        <Btn
          type='primary'
          block
          loading={busy}
          onClick={() => {
            const l = yuanToFen(labour || '0');
            const m = yuanToFen(materials || '0');
            if (l === null || m === null) return setFormError('费用请填写金额，例如 50 或 12.5');
            void run(
              () => call.call('repairs.setCost', { repairId: r.id, labourFen: l, materialsFen: m }),
              '已保存',
              (d) => {
                apply(d);
                setCostOpen(false);
              },
            );
          }}
        >
          保存
        </Btn>
      </Sheet>
    </PageShell>
  );
}
