/**
 * 记账结账: the bookkeeper or property manager books an expense (with receipt photos)
 * or other income into the open month; the committee closes the next month and
 * publishes it to the owners. Entries are never edited: a mistake is corrected by a
 * reversing entry with a reason. 欠费与催缴: this month's collection rate and arrears
 * per building, and 催缴提醒 — before the tap, who a WeChat message reaches and which
 * homes must be told in person (fees.remindPreview); after it, the job's progress
 * (fees.jobStatus), never a success for nobody reached.
 */
import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Image, Input, Picker, View } from '@tarojs/components';
import { can } from '@core/authz';
import { CATEGORY_LABELS, type Category } from '@core/fees/rules';
import { formatYuan, parseYuanToFen } from '@core/platform/units';
import { shanghaiMonth } from '@core/platform/period';
import { FEE_LIMITS } from '@core/fees/limits';
import type { JobView } from '@core/platform/jobs';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import { pickAndUploadImages, type UploadedFile } from '@/services/upload';
import { loadMe } from '@/store/me';
import { actorOf } from '@/utils/actor';
import { go } from '@/utils/nav';
import { confirmAction } from '@/store/confirm';
import { routePaths } from '@/features/route-table';
import { FEE_ROUTES } from '@/features/fees/routes';
import '../../common.scss';
import './index.scss';

const url = routePaths(FEE_ROUTES);
/** What people book by hand (fees and refunds post themselves). */
const BOOKABLE: Category[] = [
  'security',
  'cleaning',
  'salary',
  'repairs',
  'purchases',
  'otherExpense',
  'parking',
  'evCharging',
  'commonArea',
  'advertising',
  'donation',
  'otherIncome',
  'repairFundIn',
  'repairFundOut',
];

/** This month in Asia/Shanghai (+08:00 all year). */
function shanghaiPeriod(now = Date.now()): string {
  return shanghaiMonth(now);
}

const POLL_MS = 1500;

/** What a finished (or running) reminder did, in words: never a success for nobody reached. */
function jobWords(j: JobView): { text: string; tone: 'ok' | 'info' | 'warn'; finished: boolean } {
  const unknown = j.unknown > 0 ? `，${j.unknown} 人不确定是否收到` : '';
  if (j.status === 'failed')
    return { text: `提醒没有发完：${j.error ?? '请稍后再试'}（已提醒 ${j.done} 人）`, tone: 'warn', finished: true };
  if (j.status !== 'done')
    return { text: `正在发送催缴提醒：已提醒 ${j.done} 人${j.total !== null ? `，共 ${j.total} 人` : ''}…`, tone: 'info', finished: false };
  // Who still needs a visit is counted in homes, in the list under the preview (people who got nothing are not a second, different figure).
  if (j.done === 0) return { text: '没有提醒到任何人。请按下方名单上门或电话告知。', tone: 'warn', finished: true };
  return { text: `已通过微信提醒 ${j.done} 人${unknown}`, tone: j.unknown ? 'info' : 'ok', finished: true };
}

/** 欠费与催缴: arrears per building (tap one to remind only it), the preview in words, the reminder and its progress. */
function ArrearsPart(props: { compoundId: string; period: string; canRemind: boolean }) {
  const { compoundId, period, canRemind } = props;
  const [buildingId, setBuildingId] = useState<string | undefined>(undefined);
  const arrears = useRemote(() => api('fees').call('fees.arrears', { compoundId, period }), [compoundId, period], { refreshOnShow: true });
  const preview = useRemote(
    () => api('fees').call('fees.remindPreview', { compoundId, ...(buildingId ? { buildingId } : {}) }),
    [compoundId, buildingId],
    { skip: !canRemind, refreshOnShow: true },
  );
  const remindId = useRequestId([compoundId, buildingId]);
  const [sending, setSending] = useState(false);
  const [job, setJob] = useState<JobView | null>(null);
  const [showVisits, setShowVisits] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  async function follow(jobId: string) {
    try {
      const j = await api('fees').call('fees.jobStatus', { jobId });
      setJob(j);
      if (jobWords(j).finished) {
        void preview.reload();
        return;
      }
    } catch {
      /* a lost answer is not a failed job: keep following */
    }
    timer.current = setTimeout(() => void follow(jobId), POLL_MS);
  }

  async function remind() {
    const p = preview.data;
    if (!p || !p.withGrant) return;
    const ok = await confirmAction({
      title: '催缴提醒',
      content: `将通过微信提醒${p.scopeLabel}欠费住户中的 ${p.withGrant} 人缴费。${p.tellInPerson ? `另有 ${p.tellInPerson} 户收不到微信提醒，需要上门或电话告知。` : ''}每户7天内只提醒一次。`,
      confirmText: `提醒 ${p.withGrant} 人`,
      cancelText: '再想想',
    });
    if (!ok) return;
    setSending(true);
    setJob(null);
    try {
      const j = await api('fees').call('fees.remind', { clientRequestId: remindId.id, compoundId, ...(buildingId ? { buildingId } : {}) });
      remindId.renew();
      setJob(j);
      if (!jobWords(j).finished) timer.current = setTimeout(() => void follow(j.id), POLL_MS);
      else void preview.reload();
    } catch (e) {
      Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setSending(false);
    }
  }

  const a = arrears.data;
  const p = preview.data;
  const jw = job ? jobWords(job) : null;
  const chosen = a?.buildings.find((b) => b.buildingId === buildingId);
  const scopes = [
    { id: undefined as string | undefined, name: '全小区' },
    ...(a?.buildings ?? []).map((b) => ({ id: b.buildingId as string | undefined, name: b.buildingName })),
  ];
  const pick = (id: string | undefined) => {
    setBuildingId(id);
    setJob(null);
    void Taro.pageScrollTo({ selector: '.fees-arrears', duration: 200 }).catch(() => undefined);
  };
  return (
    <View className='card fees-arrears'>
      <View className='card__title'>欠费与催缴</View>
      {canRemind ? (
        <View className='fees-remind'>
          <Picker
            mode='selector'
            range={scopes.map((x) => x.name)}
            value={Math.max(
              0,
              scopes.findIndex((x) => x.id === buildingId),
            )}
            onChange={(e) => pick(scopes[Number(e.detail.value)].id)}
          >
            <View className='fees-input fees-remind__scope'>催缴范围：{chosen ? chosen.buildingName : '全小区'} ▾</View>
          </Picker>
          <View className='fees-remind__title'>催缴提醒：{chosen ? chosen.buildingName : '全小区'}</View>
          {!p ? (
            <View className='muted'>{preview.error ? preview.error.message : '正在统计可以提醒的人…'}</View>
          ) : (
            <View>
              <View className='muted'>
                逾期未缴（上月及以前）{p.homesInArrears} 户，共 {p.arrears}
              </View>
              <View className={`fees-remind__reach${p.withGrant ? '' : ' fees-remind__reach--none'}`}>
                {p.withGrant ? `可以微信提醒 ${p.withGrant} 人` : '没有人可以微信提醒'}
              </View>
              {p.tellInPerson ? (
                <View className='row row--link fees-remind__inperson' onClick={() => setShowVisits(!showVisits)}>
                  <View className='row__main'>
                    {p.withGrant ? '另有 ' : ''}
                    {p.tellInPerson} 户需要上门或电话告知（没有人订阅缴费提醒）
                  </View>
                  <View className='row__side'>{showVisits ? '收起' : '查看名单'}</View>
                </View>
              ) : null}
              {showVisits && p.tellInPerson ? (
                <View className='fees-visits'>
                  {p.visitList.map((h) => (
                    <View key={h.homeId} className='row fees-visit'>
                      <View className='row__main'>
                        <View className='row__title'>{h.label}</View>
                        <View className='row__sub'>
                          {h.name} · 欠 {h.months} 个月
                        </View>
                      </View>
                      <View className='row__side'>{h.arrears}</View>
                    </View>
                  ))}
                  {p.visitList.length < p.tellInPerson ? (
                    <View className='muted'>只列出前 {p.visitList.length} 户，可导出欠费表查看全部</View>
                  ) : null}
                </View>
              ) : null}
              {p.remindedRecently ? (
                <View className='muted fees-remind__recent'>{p.remindedRecently} 户近7天已提醒过，这次不再提醒</View>
              ) : null}
            </View>
          )}
          <Btn
            type='primary'
            block
            loading={sending}
            disabled={!p || !p.withGrant || (!!jw && !jw.finished)}
            className='fees-remind-btn'
            onClick={remind}
          >
            {p && p.withGrant ? `催缴提醒（${p.withGrant} 人）` : '催缴提醒'}
          </Btn>
          {jw ? <View className={`fees-remind__job fees-remind__job--${jw.tone}`}>{jw.text}</View> : null}
          <View className='muted'>住户在「物业缴费」点“欠费时提醒我”后，才能收到一条微信提醒。</View>
        </View>
      ) : null}
      <StateView {...arrears.state} />
      {a ? (
        <View className='fees-arrears__list'>
          <View className='fees-remind__title'>
            {Number(period.slice(5))}月收缴率 {a.rate}%
          </View>
          {canRemind ? <View className='muted'>点一栋楼，只提醒这栋楼的欠费住户</View> : null}
          {a.buildings.map((b) => (
            <View
              key={b.buildingId}
              className={`row fees-arrears__row${buildingId === b.buildingId ? ' fees-arrears__row--on' : ''}`}
              onClick={canRemind ? () => pick(buildingId === b.buildingId ? undefined : b.buildingId) : undefined}
            >
              <View className='row__main'>
                <View className='row__title'>
                  {b.buildingName} 收缴率 {b.rate}%
                </View>
                <View className='row__sub'>
                  {b.homesInArrears ? `未缴 ${b.homesInArrears} 户（含本月），共 ${formatYuan(b.arrearsFen)}` : '都已缴清'}
                </View>
              </View>
              {canRemind ? <View className='row__side'>{buildingId === b.buildingId ? '已选' : '选择'}</View> : null}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

export default function BooksPage() {
  const params = useRouter().params;
  const me = useRemote(loadMe);
  const actor = me.data ? actorOf(me.data) : null;
  const compound = me.data?.roles.find(
    (r) =>
      r.compoundId &&
      (!params.compoundId || r.compoundId === params.compoundId) &&
      actor &&
      (can(actor, 'ledger.book', { communityId: r.communityId, compoundId: r.compoundId }) ||
        can(actor, 'ledger.close', { communityId: r.communityId, compoundId: r.compoundId })),
  );
  const target = compound ? { communityId: compound.communityId, compoundId: compound.compoundId } : null;
  const books = !!(actor && target && can(actor, 'ledger.book', target));
  const closes = !!(actor && target && can(actor, 'ledger.close', target));
  const reminds = !!(actor && target && can(actor, 'fees.remind', target));
  const arrearsFirst = params.part === 'arrears';
  useEffect(() => {
    if (arrearsFirst && compound)
      setTimeout(() => void Taro.pageScrollTo({ selector: '.fees-arrears', duration: 0 }).catch(() => undefined), 300);
  }, [arrearsFirst, !!compound]); // eslint-disable-line react-hooks/exhaustive-deps
  const period = shanghaiPeriod();
  const arrearsPart =
    compound?.compoundId && reminds ? <ArrearsPart compoundId={compound.compoundId} period={period} canRemind={reminds} /> : null;
  const summary = useRemote(() => api('fees').call('fees.summary', {}), [], { refreshOnShow: true });
  const next = summary.data?.compounds.find((c) => c.compoundId === compound?.compoundId);
  // The month an entry goes into comes from the server (after a close it may be next month): the form and the list name it.
  const bookPeriod = next?.bookingPeriod;
  const recent = useRemote(
    () => api('fees').call('ledger.entries', { compoundId: compound!.compoundId!, period: bookPeriod! }),
    [compound?.compoundId, bookPeriod],
    { skip: !compound || !bookPeriod },
  );
  const monthWord = (p: string) => `${p.slice(0, 4) !== period.slice(0, 4) ? `${p.slice(0, 4)}年` : ''}${Number(p.slice(5))}月`;

  const [category, setCategory] = useState<Category>('repairs');
  const [amount, setAmount] = useState('');
  const [memo, setMemo] = useState('');
  const [photos, setPhotos] = useState<UploadedFile[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const request = useRequestId([category, amount, memo, photos.map((p) => p.fileID)]);
  const fen = parseYuanToFen(amount);

  async function addPhotos() {
    try {
      const got = await pickAndUploadImages('receipts', FEE_LIMITS.receipts - photos.length);
      setPhotos((p) => [...p, ...got]);
    } catch (e) {
      Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    }
  }

  async function submit() {
    if (!compound?.compoundId || !fen) return;
    setBusy('book');
    try {
      await api('fees').call('ledger.book', {
        clientRequestId: request.id,
        compoundId: compound.compoundId,
        category,
        amountFen: fen,
        memo,
        receipts: photos.map((p) => p.fileID),
        ...(category === 'donation' ? { donor: { anonymous: true, project: memo.slice(0, 20) } } : {}),
      });
      Taro.showToast({ title: bookPeriod ? `已记入${monthWord(bookPeriod)}` : '已记账', icon: 'success' });
      setAmount('');
      setMemo('');
      setPhotos([]);
      request.renew();
      recent.reload();
    } catch (e) {
      Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setBusy(null);
    }
  }

  async function closeMonth(p: string, publish: boolean) {
    if (!compound?.compoundId) return;
    const sure = await Taro.showModal({
      title: publish ? '结账并公示' : '结账',
      content: `结账后${Number(p.slice(5))}月的账目不能再记入或改动，${publish ? '并向全体业主公示。' : ''}确定吗？`,
      confirmText: '确定',
      cancelText: '再想想',
    });
    if (!sure.confirm) return;
    setBusy('close');
    try {
      await api('fees').call('ledger.close', { compoundId: compound.compoundId, period: p });
      if (publish) await api('fees').call('ledger.publish', { compoundId: compound.compoundId, period: p });
      Taro.showToast({ title: publish ? '已结账并公示' : '已结账', icon: 'success' });
      summary.reload();
      go(`${url.feeStatement}?compoundId=${encodeURIComponent(compound.compoundId)}&period=${p}`);
    } catch (e) {
      Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setBusy(null);
    }
  }

  return (
    <PageShell className='fees-books'>
      <StateView {...me.state} denied={!!me.data && !compound} permission={['ledger.book', 'ledger.close']} permissionAction='记账或结账' />
      {arrearsFirst ? arrearsPart : null}
      {compound && books ? (
        <View className='card fees-book-form'>
          <View className='card__title'>记一笔{bookPeriod ? `（记入${monthWord(bookPeriod)}）` : ''}</View>
          {bookPeriod && bookPeriod !== period ? (
            <View className='muted fees-book-month'>本月已结账，新记录记入{monthWord(bookPeriod)}的账目</View>
          ) : null}
          <Picker
            mode='selector'
            range={BOOKABLE.map((c) => CATEGORY_LABELS[c])}
            value={BOOKABLE.indexOf(category)}
            onChange={(e) => setCategory(BOOKABLE[Number(e.detail.value)])}
          >
            <View className='fees-input fees-category'>类别：{CATEGORY_LABELS[category]} ▾</View>
          </Picker>
          <Input
            className='fees-input fees-amount-input'
            type='digit'
            placeholder='金额（元），如 1280.50'
            value={amount}
            onInput={(e) => setAmount(e.detail.value)}
          />
          {amount && !fen ? <View className='fees-overdue'>金额应为大于0的数字，最多两位小数</View> : null}
          <Input
            className='fees-input fees-memo'
            placeholder='用途，如：更换3栋楼道灯'
            maxlength={FEE_LIMITS.memo}
            value={memo}
            onInput={(e) => setMemo(e.detail.value)}
          />
          <View>
            {photos.map((p) => (
              <Image key={p.fileID} src={p.url} mode='aspectFill' className='fees-receipt-img' />
            ))}
          </View>
          <View className='actions'>
            <Btn size='small' className='fees-add-photo' onClick={addPhotos}>
              添加票据照片（{photos.length}/{FEE_LIMITS.receipts}）
            </Btn>
          </View>
          <Btn type='primary' block className='fees-book-submit' loading={busy === 'book'} disabled={!fen || !memo.trim()} onClick={submit}>
            记账
          </Btn>
        </View>
      ) : null}
      {compound && next ? (
        <View className='card fees-close'>
          <View className='card__title'>结账与公示</View>
          <View className='muted'>本月收缴率 {next.rate}%</View>
          {closes && next.nextToClose ? (
            <View className='actions'>
              <Btn type='primary' className='fees-close-btn' loading={busy === 'close'} onClick={() => closeMonth(next.nextToClose!, true)}>
                {Number(next.nextToClose.slice(5))}月结账并公示
              </Btn>
            </View>
          ) : (
            <View className='fees-close__hint'>{next.closeHint}</View>
          )}
          {!closes ? <View className='muted fees-close__who'>结账和公示由{next.closedBy}操作；您记的账会计入结账的月份。</View> : null}
          <View className='row row--link' onClick={() => go(`${url.feeStatement}?compoundId=${encodeURIComponent(compound.compoundId!)}`)}>
            <View className='row__main'>查看已公示的月份</View>
          </View>
        </View>
      ) : null}
      {!arrearsFirst ? arrearsPart : null}
      {recent.data ? (
        <View className='card fees-books-recent'>
          <View className='card__title'>
            {bookPeriod ? monthWord(bookPeriod) : '本月'}已记（{recent.data.length} 笔）
          </View>
          {recent.data
            .slice(-20)
            .reverse()
            .map((e) => (
              <View key={e.id} className='fees-entry'>
                <View>
                  {e.categoryLabel} · {e.memo} {/* Money in is +, money out is − (a reversed expense gives money back: +). */}
                  <View
                    className={`fees-bill__amount fees-entry__amount--${(e.kind === 'income') === e.amountFen >= 0 ? 'income' : 'expense'}`}
                  >
                    {(e.kind === 'income') === e.amountFen >= 0 ? '+' : '−'}
                    {e.amount.replace(/^-/, '')}
                  </View>
                </View>
                <View className='muted'>
                  {e.byName}
                  {e.receipts.length ? ` · 票据 ${e.receipts.length} 张` : ''}
                </View>
              </View>
            ))}
        </View>
      ) : null}
    </PageShell>
  );
}
