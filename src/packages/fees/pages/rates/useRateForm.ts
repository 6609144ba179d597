/**
 * The 收费标准 form: which item, its rate (per tier for 物业费), from which month, and
 * why; it starts from what is in force for the chosen item. Setting (committee) or
 * proposing (property manager) is one fees.setRate after a confirmation; 采纳 sets a
 * proposal as it was made.
 */
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import type { FeeItemView } from '@core/fees/contract';
import { addMonths, FEE_KIND_LABELS, periodLabel, TIER_LABELS, TIERS, type FeeKind, type Tier } from '@core/fees/rules';
import { formatFen } from '@core/platform/units';
import { shanghaiMonth } from '@core/platform/period';
import { api, toServiceError } from '@/services/cloud';
import { confirmAction } from '@/store/confirm';
import { fenOf, KINDS, rateText, type Rate } from './rates-text';

export function useRateForm(compoundId: string | undefined, sets: boolean, items: FeeItemView[] | undefined, onSaved: () => void) {
  const now = shanghaiMonth();
  const months = Array.from({ length: 6 }, (_, i) => addMonths(now, i));
  const [kind, setKind] = useState<FeeKind>('parking');
  const [fixedCode, setFixedCode] = useState<string>('');
  const [name, setName] = useState('');
  const [from, setFrom] = useState(addMonths(now, 1));
  const [tiers, setTiers] = useState<Record<Tier, string>>({ flat_lift: '', flat_walkup: '', shop: '' });
  const [fen, setFen] = useState('');
  /** Why (required of a proposal: the committee decides on it). */
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const list = [...(items ?? [])].sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || a.code.localeCompare(b.code));
  const fixedItems = list.filter((i) => i.kind === 'fixed');
  const newFixedCode = (() => {
    for (let n = 1; ; n++) {
      const code = n === 1 ? 'fixed' : `fixed${n}`;
      if (!list.some((i) => i.code === code)) return code;
    }
  })();
  const code = kind === 'fixed' ? fixedCode || newFixedCode : kind;
  const existing = list.find((i) => i.code === code);

  // The form starts from what is in force now (or what was proposed) for the chosen item.
  useEffect(() => {
    const r = existing?.current;
    setTiers({
      flat_lift: r?.tiers?.flat_lift !== undefined ? formatFen(r.tiers.flat_lift) : '',
      flat_walkup: r?.tiers?.flat_walkup !== undefined ? formatFen(r.tiers.flat_walkup) : '',
      shop: r?.tiers?.shop !== undefined ? formatFen(r.tiers.shop) : '',
    });
    setFen(r?.fen !== undefined ? formatFen(r.fen) : '');
    setName(existing?.name ?? (kind === 'fixed' ? '' : FEE_KIND_LABELS[kind]));
    setError(null);
  }, [code, items]); // eslint-disable-line react-hooks/exhaustive-deps

  async function save(input: { itemCode: string; kind: FeeKind; name: string; from: string } & Rate, what: string) {
    if (!compoundId) return;
    const ok = await confirmAction({
      title: sets ? '设置收费标准' : '提交给业委会',
      content: `${input.name}：${rateText(input.kind, input)}，从${periodLabel(input.from)}起执行。已出的账单仍按原单价。${sets ? '' : '业委会采纳后生效。'}`,
      confirmText: sets ? '确定设置' : '提交',
      cancelText: '再想想',
    });
    if (!ok) return;
    setBusy(what);
    setError(null);
    setDone(null);
    try {
      const r = await api('fees').call('fees.setRate', { compoundId, ...input, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      setDone(
        r.state === 'set'
          ? `已设置：${input.name}从${periodLabel(input.from)}起 ${rateText(input.kind, input)}`
          : `已提交给业委会：${input.name}从${periodLabel(input.from)}起 ${rateText(input.kind, input)}，采纳后生效`,
      );
      if (r.state === 'set') void Taro.showToast({ title: '已设置', icon: 'success' });
      onSaved();
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(null);
    }
  }

  async function submit() {
    setError(null);
    if (!sets && !reason.trim()) return setError('请写明提议的理由，供业委会决定');
    const itemName = name.trim();
    if (!itemName) return setError('请填写收费项目名称，如 垃圾清运费');
    if (kind === 'property') {
      const out: Partial<Record<Tier, number>> = {};
      for (const t of TIERS) {
        const v = fenOf(tiers[t], true);
        if (typeof v === 'string') return setError(`${TIER_LABELS[t]}：${v}`);
        if (v !== null) out[t] = v;
      }
      if (!Object.keys(out).length) return setError('请至少填写一种房屋的单价');
      return save({ itemCode: code, kind, name: itemName, from, tiers: out }, 'save');
    }
    const v = fenOf(fen);
    if (typeof v === 'string') return setError(v);
    return save({ itemCode: code, kind, name: itemName, from, fen: v! }, 'save');
  }

  function adopt(item: FeeItemView, p: FeeItemView['proposals'][number]) {
    return save(
      {
        itemCode: item.code,
        kind: item.kind,
        name: item.name,
        from: p.from,
        ...(p.tiers ? { tiers: p.tiers } : {}),
        ...(p.fen !== undefined ? { fen: p.fen } : {}),
      },
      `adopt-${item.code}-${p.from}`,
    );
  }

  return {
    now,
    months,
    list,
    fixedItems,
    kind,
    setKind,
    fixedCode,
    setFixedCode,
    name,
    setName,
    from,
    setFrom,
    tiers,
    setTiers,
    fen,
    setFen,
    reason,
    setReason,
    error,
    done,
    setDone,
    busy,
    submit,
    adopt,
  };
}

export type RateForm = ReturnType<typeof useRateForm>;
