/**
 * 财务公示: a month's statement — income and expense by category as bars (each line
 * opens to its entries and receipt photos, and residents may ask about it), the
 * repair fund and the owners' common-part income apart, the 12-month trend, 校验 of
 * the hash chain, and the donation board. Light CSS bars only (no chart library).
 */
import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Image, Input, ScrollView, Text, View } from '@tarojs/components';
import type { Me } from '@core/accounts/contract';
import type { LedgerEntryView, StatementLineView, StatementView, VerifyView } from '@core/fees/contract';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import { loadMe } from '@/store/me';
import { formatDateTime } from '@/utils/format';
import { confirmAction } from '@/store/confirm';
import { ROUTES } from '@/routes';
import { heldWitnesses } from '../../witness';
import '../../common.scss';
import './index.scss';

function yuan(fen: number) {
  const s = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${s}${Math.floor(a / 100).toLocaleString('en-US')}.${String(a % 100).padStart(2, '0')}元`;
}

function compoundOf(me: Me | undefined, param?: string): string | undefined {
  return param || me?.homes[0]?.compoundId || me?.roles.find((r) => r.compoundId)?.compoundId;
}

function Line({ line, compoundId, period, canAsk }: { line: StatementLineView; compoundId: string; period: string; canAsk: boolean }) {
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<LedgerEntryView[] | null>(null);
  const [question, setQuestion] = useState('');
  const request = useRequestId([question]);
  const [asked, setAsked] = useState(false);
  async function toggle() {
    setOpen(!open);
    if (!entries) {
      try {
        setEntries(await api('fees').call('ledger.entries', { compoundId, period, category: line.category }));
      } catch (e) {
        Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
      }
    }
  }
  async function ask() {
    try {
      await api('fees').call('ledger.ask', { clientRequestId: request.id, compoundId, period, category: line.category, question });
      setAsked(true);
      setQuestion('');
      Taro.showToast({ title: '已提交，记账员会公开回复', icon: 'none' });
    } catch (e) {
      Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    }
  }
  return (
    <View className={`fees-line fees-line--${line.category}`}>
      <View className='fees-bars__row' onClick={toggle}>
        <View className='fees-bars__label'>{line.label}</View>
        <View className='fees-bars__track'>
          <View className={`fees-bars__fill fees-bars__fill--${line.kind}`} style={{ width: `${Math.max(2, line.bar)}%` }} />
        </View>
        <View className='fees-bars__amount'>{line.amount}</View>
      </View>
      {open ? (
        <View className='fees-line__detail'>
          {entries === null ? <View className='muted'>正在读取…</View> : null}
          {(entries ?? []).map((e) => (
            <View key={e.id} className='fees-entry'>
              <View>
                {e.memo} <View className='fees-bill__amount'>{e.amount}</View>
              </View>
              <View className='muted'>
                {formatDateTime(e.at)} · {e.byName}
                {e.reverses ? ` · 冲正：${e.reason ?? ''}` : ''}
                {e.reversedBy ? ' · 已冲正' : ''}
              </View>
              {e.receipts.map((r) => (
                <Image key={r.fileID} src={r.url} mode='aspectFill' className='fees-receipt-img' onClick={() => Taro.previewImage({ urls: e.receipts.map((x) => x.url), current: r.url })} />
              ))}
            </View>
          ))}
          {line.questions.map((q) => (
            <View key={q.id} className='fees-entry'>
              <View>问：{q.question}</View>
              <View className={q.answer ? '' : 'muted'}>答：{q.answer ?? '等待记账员回复'}</View>
            </View>
          ))}
          {canAsk && !asked ? (
            <View>
              <Input className='fees-input' value={question} placeholder='对这一项有疑问？写下来，回复会公开' maxlength={200} onInput={(e) => setQuestion(e.detail.value)} />
              <Btn size='small' disabled={!question.trim()} onClick={ask}>
                提问
              </Btn>
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}

/**
 * The month as a 财务公示 notice to every home of the compound (read tracking, 转发到
 * 业主群 from the notice). Shown to the committee once the month is published; the
 * notice is posted through notices (which checks who may post) and then recorded on
 * the statement. The request id is fixed per month, so a retry after a lost answer
 * finds the notice already made instead of posting twice.
 */
function NoticeCard({ st, onLinked }: { st: StatementView; onLinked: (v: StatementView) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const wrong = st.notice?.problem;
  if (st.notice && !wrong) {
    return (
      <View className='card fees-notice fees-notice--sent'>
        <View className='row row--link' onClick={() => Taro.navigateTo({ url: `${ROUTES.noticeDetail}?id=${encodeURIComponent(st.notice!.id)}` })}>
          <View className='row__main'>
            <View className='row__title'>已发财务公示通知</View>
            <View className='row__sub'>{formatDateTime(st.notice.at)} 发给全体住户；打开通知可查看谁已阅读、转发到业主群</View>
          </View>
          <View className='row__side'>查看</View>
        </View>
      </View>
    );
  }
  const draft = st.noticeDraft;
  if (!draft) return null;
  async function post() {
    if (!draft) return;
    const ok = await confirmAction({ title: '发财务公示通知', content: `将把「${draft.title}」发给${st.compoundName}全体住户，大家可以在通知里直接打开本月账目。`, confirmText: '发通知' });
    if (!ok) return;
    setBusy(true);
    setError(null);
    try {
      const notice = await api('notices').call('notices.post', {
        clientRequestId: `fin_${st.compoundId}_${st.period}`,
        audience: { kind: 'compounds', compoundIds: [st.compoundId] },
        category: '财务公示',
        title: draft.title,
        body: draft.body,
        link: draft.link,
      });
      onLinked(await api('fees').call('ledger.linkNotice', { compoundId: st.compoundId, period: st.period, noticeId: notice.id, ...(wrong ? { replace: true } : {}) }));
      Taro.showToast({ title: '通知已发出', icon: 'success' });
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <View className='card fees-notice'>
      <View className='card__title'>通知全体业主</View>
      {wrong ? (
        <View className='form-error fees-notice__wrong'>已关联的通知有误（{wrong}）。请重新发本月的财务公示通知，替换后会留下更换记录。</View>
      ) : (
        <View className='muted'>本月账目已公示。发一条「财务公示」通知，每户都会收到，能看到谁已阅读，也能转发到业主群。</View>
      )}
      <View className='fees-notice__preview'>
        <View className='fees-notice__title'>{draft.title}</View>
        <View className='fees-notice__body'>{draft.body}</View>
      </View>
      {error ? <View className='form-error'>{error}</View> : null}
      <Btn type='primary' block loading={busy} className='fees-notice-btn' onClick={post}>
        {wrong ? '重发并更换关联' : '发财务公示通知'}
      </Btn>
    </View>
  );
}

export default function StatementPage() {
  const params = useRouter().params;
  const me = useRemote(loadMe);
  // The community office has no compound of its own: it picks one of its community's.
  const office = !compoundOf(me.data, params.compoundId) && !!me.data?.roles.some((r) => r.role === 'communityAdmin');
  const inCommunity = useRemote(() => api('accounts').call('compounds.list', {}), [office], { skip: !office });
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const compoundId = picked ?? compoundOf(me.data, params.compoundId) ?? inCommunity.data?.[0]?.id;
  const trend = useRemote(() => api('fees').call('ledger.trend', { compoundId: compoundId! }), [compoundId], { skip: !compoundId });
  const [chosen, setChosen] = useState<string | undefined>(params.period);
  const points = trend.data ?? [];
  // Scrolled to the right end once the months are there (past the end is clamped to the newest).
  const [trendLeft, setTrendLeft] = useState<number | undefined>(undefined);
  useEffect(() => {
    if (!points.length) return;
    const t = setTimeout(() => setTrendLeft(points.length * 1000), 50);
    return () => clearTimeout(t);
  }, [points.length]);
  const period = chosen ?? points[points.length - 1]?.period;
  const s = useRemote(() => api('fees').call('ledger.statement', { compoundId: compoundId!, period: period! }), [compoundId, period], { skip: !compoundId || !period });
  const donations = useRemote(() => api('fees').call('ledger.donations', { compoundId: compoundId! }), [compoundId], { skip: !compoundId });
  const [verify, setVerify] = useState<VerifyView | null>(null);
  const [checking, setChecking] = useState(false);

  async function check() {
    setChecking(true);
    try {
      const receipts = heldWitnesses(compoundId!);
      setVerify(await api('fees').call('ledger.verify', { compoundId: compoundId!, ...(receipts.length ? { receipts } : {}) }));
    } catch (e) {
      Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setChecking(false);
    }
  }

  const st = s.data;
  const f = st?.figures;
  return (
    <PageShell className='fees-statement'>
      {office && (inCommunity.data?.length ?? 0) > 1 ? (
        <Choice
          columns={2}
          options={inCommunity.data!.map((c) => ({ value: c.id, label: c.name }))}
          value={compoundId ?? ''}
          onChange={(v) => {
            setPicked(v);
            setChosen(undefined);
          }}
        />
      ) : null}
      <StateView
        {...(compoundId ? trend.state : office ? inCommunity.state : me.state)}
        empty={(!!trend.data && points.length === 0 && { title: '还没有公示的月份' }) || (!!me.data && !compoundId && (!office || !!inCommunity.data) && { title: '没有可查看的小区账目', text: '绑定房屋后，可以查看本小区的财务公示' })}
      />
      {points.length ? (
        <View className='card'>
          <View className='card__title'>近 12 个月收支</View>
          {/* Opens at the newest month: in 大字模式 the older months are off to the left. */}
          <ScrollView className='fees-trend' scrollX enableFlex scrollLeft={trendLeft}>
            {points.map((p) => (
              <View key={p.period} className={`fees-trend__month${p.period === period ? ' fees-trend__month--on' : ''}`} onClick={() => setChosen(p.period)}>
                <View className='fees-trend__pair'>
                  <View className='fees-trend__bar fees-trend__bar--income' style={{ height: `${Math.max(1, p.incomeBar)}%` }} />
                  <View className='fees-trend__bar fees-trend__bar--expense' style={{ height: `${Math.max(1, p.expenseBar)}%` }} />
                </View>
                <View className='fees-trend__label' style={p.period === period ? { fontWeight: 700, color: '#c83a2a' } : {}}>
                  {p.label}
                </View>
              </View>
            ))}
          </ScrollView>
          <View className='fees-legend'>
            <View>
              <View className='fees-legend__dot' style={{ background: '#1e7a3c' }} />
              收入
            </View>
            <View>
              <View className='fees-legend__dot' style={{ background: '#c0561f' }} />
              支出
            </View>
            <View className='muted'>点月份查看当月明细</View>
          </View>
        </View>
      ) : null}
      <StateView {...s.state} />
      {st && f ? (
        <View>
          <View className='card fees-figures'>
            <View className='card__title'>
              {st.compoundName} {st.periodLabel} 收支公示 <View className='tag'>{st.statusLabel}</View>
            </View>
            <View className='fees-funds__row'>
              <View>上月结余</View>
              <View>{yuan(f.opening)}</View>
            </View>
            <View className='fees-funds__row'>
              <View>本月收入</View>
              <View className='fees-income'>{yuan(f.income)}</View>
            </View>
            <View className='fees-funds__row'>
              <View>本月支出</View>
              <View className='fees-expense'>{yuan(f.expense)}</View>
            </View>
            <View className='fees-funds__row'>
              <View>本月结余</View>
              <View>{yuan(f.surplus)}</View>
            </View>
            <View className='fees-funds__row'>
              <View className='fees-bill__amount'>月末结余</View>
              <View className='fees-bill__amount fees-closing'>{yuan(f.closing)}</View>
            </View>
          </View>
          <NoticeCard st={st} onLinked={(v) => s.setData(v)} />
          <View className='card fees-chart'>
            <View className='card__title'>收入</View>
            {st.lines.filter((l) => l.kind === 'income' && l.fund === 'operating').map((l) => (
              <Line key={l.category} line={l} compoundId={st.compoundId} period={st.period} canAsk={st.status === 'published'} />
            ))}
            <View className='card__title'>支出</View>
            {st.lines.filter((l) => l.kind === 'expense' && l.fund === 'operating').map((l) => (
              <Line key={l.category} line={l} compoundId={st.compoundId} period={st.period} canAsk={st.status === 'published'} />
            ))}
          </View>
          <View className='card'>
            <View className='card__title'>共有部分收益（归全体业主）</View>
            <View className='muted'>停车、广告、充电桩等利用小区共有部分的收入，依《民法典》第282条属于业主共有，单独列示。</View>
            {st.lines.filter((l) => l.fund === 'commonPart').map((l) => (
              <Line key={l.category} line={l} compoundId={st.compoundId} period={st.period} canAsk={st.status === 'published'} />
            ))}
            <View className='fees-funds__row'>
              <View>累计结余</View>
              <View className='fees-bill__amount'>{yuan(f.commonPart.closing)}</View>
            </View>
          </View>
          <View className='card'>
            <View className='card__title'>专项维修资金（单独核算）</View>
            <View className='fees-funds__row'>
              <View>本月存入 / 使用</View>
              <View>
                {yuan(f.repairFund.in)} / {yuan(f.repairFund.out)}
              </View>
            </View>
            <View className='fees-funds__row'>
              <View>余额</View>
              <View className='fees-bill__amount'>{yuan(f.repairFund.closing)}</View>
            </View>
          </View>
          <View className='card fees-verify'>
            <View className='card__title'>账目校验</View>
            <View className='muted'>每笔账都连着上一笔的“指纹”，每月结账时记下最后一笔。任何一笔被改动或删除，校验都会发现。</View>
            {verify ? <View className={verify.ok ? 'fees-verify--ok fees-verify-result' : 'fees-verify--bad fees-verify-result'}>{verify.message}</View> : null}
            {st.head && st.headCode ? <View className='muted fees-statement-head'>本月结账记录：到第 {st.head.seq} 笔为止，末笔校验码 <Text className='fees-witness__code'>{st.headCode}</Text></View> : null}
            <View className='muted'>校验时也会核对本机保存的收据。</View>
            <Btn type='primary' block loading={checking} className='fees-verify-btn' onClick={check}>
              校验
            </Btn>
          </View>
        </View>
      ) : null}
      {donations.data && donations.data.length ? (
        <View className='card fees-donations'>
          <View className='card__title'>捐资榜</View>
          {donations.data.map((d) => (
            <View key={d.id} className='fees-funds__row'>
              <View>
                {d.donor} · {d.project}
                <View className='muted'>
                  第 {d.seq} 笔 · 校验码 <Text className='fees-witness__code'>{d.code}</Text>
                </View>
              </View>
              <View>{d.amount}</View>
            </View>
          ))}
        </View>
      ) : null}
    </PageShell>
  );
}
