/**
 * 支部经费: the branch's own book, apart from the owners' money — balance, income and
 * expenses with each entry's 校验码, expenses waiting for a second 支委 (审核), 校验 of
 * the whole chain, and 记一笔 for the secretary. Members and the community office read it.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { BookVerify, BookView } from '@core/party/contract';
import { formatFen, formatYuan } from '@core/platform/units';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import { useRemote } from '@/hooks/useRemote';
import { api, toServiceError } from '@/services/cloud';
import CompoundPicker from '../../CompoundPicker';
import BookForm from '../../BookForm';
import Receipts from '../../Receipts';
import '../../common.scss';

export default function PartyBookPage() {
  // No compound at first: the function opens the caller's branch (the community office: its first compound, with the others to pick).
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const remote = useRemote<BookView>(() => api('party').call('party.book', picked ? { compoundId: picked } : {}), [picked]);
  const compoundId = remote.data?.compoundId ?? '';
  const [check, setCheck] = useState<BookVerify | null>(null);
  const d = remote.data;
  async function decide(expenseId: string, approve: boolean) {
    try {
      remote.setData(await api('party').call('party.approveExpense', { expenseId, approve }));
    } catch (e) {
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    }
  }
  async function verify() {
    try {
      setCheck(await api('party').call('party.verify', { compoundId }));
    } catch (e) {
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    }
  }
  return (
    <PageShell className='party-book'>
      <StateView {...remote.state}>
        {d ? (
          <View>
            <CompoundPicker compounds={d.compounds} value={d.compoundId} onChange={setPicked} />
            <View className='card'>
              <View className='card__title'>{d.compoundName}党支部经费</View>
              <View className='party-figures'>
                <View className='party-figure'>
                  <View className='party-figure__value party-balance'>{formatFen(d.balanceFen)}</View>
                  <View className='party-figure__label'>结余（元）</View>
                </View>
                <View className='party-figure'>
                  <View className='party-figure__value'>{formatFen(d.incomeFen)}</View>
                  <View className='party-figure__label'>累计收入（元）</View>
                </View>
                <View className='party-figure'>
                  <View className='party-figure__value'>{formatFen(d.expenseFen)}</View>
                  <View className='party-figure__label'>累计支出（元）</View>
                </View>
              </View>
              <View className='party-note'>
                支部经费单独记账，与业主的物业费、公共收益完全分开；每笔支出须另一位支部委员审核。末笔校验码 {d.headCode}
              </View>
              <View className='party-actions'>
                <Btn className='party-verify' onClick={() => void verify()}>
                  校验账本
                </Btn>
              </View>
              {check ? (
                <View className={`party-check ${check.ok ? 'party-ok' : 'party-bad'}`}>
                  {check.ok
                    ? `校验通过：${check.checked} 笔，末笔 ${check.headCode}`
                    : `校验未通过：第 ${check.problems.map((p) => p.seq).join('、')} 笔被改动或缺失`}
                </View>
              ) : null}
            </View>
            {d.pending.length ? (
              <View className='card party-pending'>
                <View className='card__title'>待审核的支出</View>
                {d.pending.map((p) => (
                  <View key={p.id} className='row party-pending-item'>
                    <View className='row__main'>
                      <View className='row__title'>
                        {p.categoryLabel} {formatYuan(p.amountFen)}
                      </View>
                      <View className='row__sub'>
                        {p.memo} · {p.proposedBy} 提交{p.canApprove ? '' : ' · 等待另一位支委审核'}
                      </View>
                      <Receipts urls={p.receipts} />
                    </View>
                    {p.canApprove ? (
                      <View className='party-actions'>
                        <Btn size='small' type='primary' className='party-approve' onClick={() => void decide(p.id, true)}>
                          同意
                        </Btn>
                        <Btn size='small' className='party-refuse' onClick={() => void decide(p.id, false)}>
                          不同意
                        </Btn>
                      </View>
                    ) : null}
                  </View>
                ))}
              </View>
            ) : null}
            {d.canBook ? <BookForm compoundId={d.compoundId} onDone={(b) => remote.setData(b)} /> : null}
            <View className='card party-entries'>
              <View className='card__title'>收支明细</View>
              {d.entries.length === 0 ? <View className='party-muted'>还没有收支记录。</View> : null}
              {d.entries.map((e) => (
                <View key={e.seq} className='row party-entry'>
                  <View className='row__main'>
                    <View className='row__title'>
                      {e.categoryLabel} · {e.memo}
                    </View>
                    <View className='row__sub'>
                      第{e.seq}笔 {e.date}
                      {e.approvedBy ? ` · ${e.approvedBy}审核` : ''} · {e.code}
                    </View>
                    <Receipts urls={e.receipts} />
                  </View>
                  <View className={`row__side ${e.kind === 'income' ? 'party-ok' : 'party-bad'}`}>
                    {e.kind === 'income' ? '+' : '−'}
                    {formatYuan(e.amountFen)}
                  </View>
                </View>
              ))}
            </View>
          </View>
        ) : null}
      </StateView>
    </PageShell>
  );
}
