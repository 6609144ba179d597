/**
 * 财务公示: a month's statement — income and expense by category as bars (each line
 * opens to its entries and receipt photos, and residents may ask about it), the
 * repair fund and the owners' common-part income apart, the 12-month trend, 校验 of
 * the hash chain, and the donation board. Light CSS bars only (no chart library).
 */
import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { ScrollView, Text, View } from '@tarojs/components';
import type { VerifyView } from '@core/fees/contract';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { api, toServiceError } from '@/services/cloud';
import { heldWitnesses } from '../../witness';
import '../../common.scss';
import './index.scss';
import { yuan, Line } from './Line';
import { NoticeCard } from './NoticeCard';
import { useStatementPage } from './useStatementPage';

export default function StatementPage() {
  const params = useRouter().params;
  const sp = useStatementPage(params);
  const { page, compoundId, period } = sp;
  const points = page.data?.trend ?? [];
  // The community office has no compound of its own (its role is community-wide): it picks one of its community's.
  const choices = page.data?.compounds ?? [];
  // Scrolled to the right end once the months are there (past the end is clamped to the newest).
  const [trendLeft, setTrendLeft] = useState<number | undefined>(undefined);
  useEffect(() => {
    if (!points.length) return;
    const t = setTimeout(() => setTrendLeft(points.length * 1000), 50);
    return () => clearTimeout(t);
  }, [points.length]);
  const donations = page.data?.donations;
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

  const st = sp.statement;
  const f = st?.figures;
  return (
    <PageShell className='fees-statement'>
      {choices.length > 1 ? (
        <Choice columns={2} options={choices.map((c) => ({ value: c.id, label: c.name }))} value={compoundId ?? ''} onChange={sp.pick} />
      ) : null}
      <StateView
        {...page.state}
        empty={
          (!!compoundId && points.length === 0 && { title: '还没有公示的月份' }) ||
          (!!page.data && !compoundId && { title: '没有可查看的小区账目', text: '绑定房屋后，可以查看本小区的财务公示' })
        }
      />
      {points.length ? (
        <View className='card'>
          <View className='card__title'>近 12 个月收支</View>
          {/* Opens at the newest month: in 大字模式 the older months are off to the left. */}
          <ScrollView className='fees-trend' scrollX enableFlex scrollLeft={trendLeft}>
            {points.map((p) => (
              <View
                key={p.period}
                className={`fees-trend__month${p.period === period ? ' fees-trend__month--on' : ''}`}
                onClick={() => sp.choose(p.period)}
              >
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
      <StateView {...sp.statementState} />
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
          <NoticeCard st={st} onLinked={sp.setStatement} />
          <View className='card fees-chart'>
            <View className='card__title'>收入</View>
            {st.lines
              .filter((l) => l.kind === 'income' && l.fund === 'operating')
              .map((l) => (
                <Line key={l.category} line={l} compoundId={st.compoundId} period={st.period} canAsk={st.status === 'published'} />
              ))}
            <View className='card__title'>支出</View>
            {st.lines
              .filter((l) => l.kind === 'expense' && l.fund === 'operating')
              .map((l) => (
                <Line key={l.category} line={l} compoundId={st.compoundId} period={st.period} canAsk={st.status === 'published'} />
              ))}
          </View>
          <View className='card'>
            <View className='card__title'>共有部分收益（归全体业主）</View>
            <View className='muted'>停车、广告、充电桩等利用小区共有部分的收入，依《民法典》第282条属于业主共有，单独列示。</View>
            {st.lines
              .filter((l) => l.fund === 'commonPart')
              .map((l) => (
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
            {verify ? (
              <View className={verify.ok ? 'fees-verify--ok fees-verify-result' : 'fees-verify--bad fees-verify-result'}>
                {verify.message}
              </View>
            ) : null}
            {st.head && st.headCode ? (
              <View className='muted fees-statement-head'>
                本月结账记录：到第 {st.head.seq} 笔为止，末笔校验码 <Text className='fees-witness__code'>{st.headCode}</Text>
              </View>
            ) : null}
            <View className='muted'>校验时也会核对本机保存的收据。</View>
            <Btn type='primary' block loading={checking} className='fees-verify-btn' onClick={check}>
              校验
            </Btn>
          </View>
        </View>
      ) : null}
      {donations && donations.length ? (
        <View className='card fees-donations'>
          <View className='card__title'>捐资榜</View>
          {donations.map((d) => (
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
