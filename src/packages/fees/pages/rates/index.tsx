/**
 * 收费标准: every fee item of the compound with its rate in force, its history (从何月起)
 * and the property manager's pending proposals (the committee 采纳s one). A form sets
 * (committee) or proposes (property manager) a rate from a month on: 物业费 per ㎡ by
 * home type, 停车费 per space, 充电费 per kWh, 固定费用 per home. Money is typed in
 * yuan and converted to integer fen from the string (no float math); bills already
 * issued keep their rate.
 */
import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, View } from '@tarojs/components';
import { can } from '@core/authz';
import type { FeeItemView } from '@core/fees/contract';
import { FEE_LIMITS } from '@core/fees/limits';
import { addMonths, FEE_KIND_LABELS, FEE_KIND_UNITS, periodLabel, TIER_LABELS, TIERS, type FeeKind, type Tier } from '@core/fees/rules';
import { formatFen, parseYuanToFen } from '@core/platform/units';
import { shanghaiMonth } from '@core/platform/period';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { api, toServiceError } from '@/services/cloud';
import { confirmAction } from '@/store/confirm';
import { loadMe } from '@/store/me';
import { actorOf } from '@/utils/actor';
import '../../common.scss';
import './index.scss';

const KINDS: FeeKind[] = ['property', 'parking', 'ev', 'fixed'];
type Rate = { tiers?: Partial<Record<Tier, number>>; fen?: number };

/** "1.10元/㎡/月" or "电梯住宅 1.20元 · 无电梯住宅 0.80元（每㎡每月）". */
function rateText(kind: FeeKind, r: Rate): string {
  if (kind === 'property') {
    const parts = TIERS.filter((t) => r.tiers?.[t] !== undefined).map((t) => `${TIER_LABELS[t]} ${formatFen(r.tiers![t]!)}元`);
    return parts.length ? `${parts.join(' · ')}（${FEE_KIND_UNITS.property}）` : '未设置';
  }
  return r.fen === undefined ? '未设置' : `${formatFen(r.fen)}${FEE_KIND_UNITS[kind]}`;
}

/** The yuan a person typed as fen, or a Chinese problem. Empty is allowed where `optional`. */
function fenOf(text: string, optional = false): number | null | string {
  if (!text.trim()) return optional ? null : '请填写金额';
  const fen = parseYuanToFen(text);
  if (fen === null) return '金额应为数字，最多两位小数，如 1.10';
  if (fen > FEE_LIMITS.maxRateFen) return `单价最高${formatFen(FEE_LIMITS.maxRateFen)}元`;
  return fen;
}

export default function RatesPage() {
  const params = useRouter().params;
  const me = useRemote(loadMe);
  const actor = me.data ? actorOf(me.data) : null;
  const role = me.data?.roles.find(
    (r) =>
      r.compoundId &&
      (!params.compoundId || r.compoundId === params.compoundId) &&
      actor &&
      (can(actor, 'fees.rate.set', { communityId: r.communityId, compoundId: r.compoundId }) ||
        can(actor, 'fees.rate.propose', { communityId: r.communityId, compoundId: r.compoundId })),
  );
  const compoundId = role?.compoundId;
  const sets = !!(actor && role && can(actor, 'fees.rate.set', { communityId: role.communityId, compoundId: role.compoundId }));
  const items = useRemote(() => api('fees').call('fees.items', { compoundId: compoundId! }), [compoundId], { skip: !compoundId });

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

  const list = [...(items.data ?? [])].sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || a.code.localeCompare(b.code));
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
  }, [code, items.data]); // eslint-disable-line react-hooks/exhaustive-deps

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
      items.reload();
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

  const pending = !!me.data && !role;
  return (
    <PageShell className='fee-rates'>
      <StateView {...me.state} denied={pending} permission={['fees.rate.set', 'fees.rate.propose']} permissionAction='设置或提议收费标准'>
        <StateView
          {...items.state}
          empty={!!items.data && list.length === 0 && { title: '还没有收费项目', text: '在下面设置第一项收费标准。' }}
        />
        {list.map((it) => (
          <View key={it.code} className={`card rates-item rates-item--${it.code}`}>
            <View className='rates-item__head'>
              <View className='card__title rates-item__name'>{it.name}</View>
              {it.name !== it.kindLabel ? <View className='tag tag--grey'>{it.kindLabel}</View> : null}
            </View>
            <View className='rates-item__current'>
              {it.current ? `现行：${rateText(it.kind, it.current)}（${periodLabel(it.current.from)}起）` : '本月尚无单价'}
            </View>
            {it.history.length > 1 || (it.history.length === 1 && it.history[0].from > now) ? (
              <View className='rates-history'>
                <View className='muted'>调价记录</View>
                {[...it.history].reverse().map((h) => (
                  <View key={h.from} className='rates-history__row'>
                    从{periodLabel(h.from)}起：{rateText(it.kind, h)}
                    {h.from > now ? <View className='tag tag--blue'>待生效</View> : null}
                  </View>
                ))}
              </View>
            ) : null}
            {it.proposals.map((p) => (
              <View key={`${p.from}-${p.byName}`} className='rates-proposal'>
                <View className='rates-proposal__text'>
                  {p.byName}提议：从{periodLabel(p.from)}起 {rateText(it.kind, p)}
                  {p.reason ? <View className='rates-proposal__reason'>理由：{p.reason}</View> : null}
                  {sets ? null : <View className='rates-proposal__wait'>等待业委会采纳</View>}
                </View>
                {sets ? (
                  <Btn
                    size='small'
                    type='primary'
                    className='rates-adopt'
                    loading={busy === `adopt-${it.code}-${p.from}`}
                    onClick={() => void adopt(it, p)}
                  >
                    采纳
                  </Btn>
                ) : null}
              </View>
            ))}
          </View>
        ))}
        {role ? (
          <View className='card rates-form'>
            <View className='card__title'>{sets ? '设置收费标准' : '提议收费标准'}</View>
            {!sets ? <View className='banner banner--info'>物业提出的单价交业委会采纳后才生效。</View> : null}
            <View className='field__label'>收费项目</View>
            <Choice
              className='rates-kinds'
              columns={2}
              options={KINDS.map((k) => ({ value: k, label: FEE_KIND_LABELS[k], hint: FEE_KIND_UNITS[k] }))}
              value={kind}
              onChange={(k) => {
                setKind(k);
                setDone(null);
              }}
            />
            {kind === 'fixed' ? (
              <>
                {fixedItems.length ? (
                  <Choice
                    className='rates-fixed'
                    columns={2}
                    options={[...fixedItems.map((i) => ({ value: i.code, label: i.name })), { value: '', label: '新增一项' }]}
                    value={fixedCode}
                    onChange={setFixedCode}
                  />
                ) : null}
                <View className='field__label'>名称</View>
                <Input
                  className='fees-field rates-name'
                  value={name}
                  maxlength={20}
                  placeholder='如 垃圾清运费'
                  onInput={(e) => setName(e.detail.value)}
                />
              </>
            ) : null}
            {kind === 'property' ? (
              TIERS.map((t) => (
                <View key={t} className='field'>
                  <View className='field__label'>{TIER_LABELS[t]}（元/㎡/月）</View>
                  <Input
                    className={`fees-field rates-tier rates-tier--${t}`}
                    type='digit'
                    value={tiers[t]}
                    placeholder='如 1.10，不收可不填'
                    onInput={(e) => setTiers((x) => ({ ...x, [t]: e.detail.value }))}
                  />
                </View>
              ))
            ) : (
              <View className='field'>
                <View className='field__label'>单价（{FEE_KIND_UNITS[kind]}）</View>
                <Input
                  className='fees-field rates-fen'
                  type='digit'
                  value={fen}
                  placeholder={kind === 'ev' ? '如 1.20' : kind === 'parking' ? '如 150' : '如 10'}
                  onInput={(e) => setFen(e.detail.value)}
                />
              </View>
            )}
            <View className='field__label'>从哪个月起执行</View>
            <Choice
              className='rates-from'
              columns={3}
              options={months.map((m, i) => ({
                value: m,
                label:
                  i === 0
                    ? `本月（${Number(m.slice(5))}月）`
                    : `${m.slice(0, 4) === now.slice(0, 4) ? '' : `${m.slice(0, 4)}年`}${Number(m.slice(5))}月`,
              }))}
              value={from}
              onChange={setFrom}
            />
            <View className='muted rates-note'>已出的账单仍按原单价；从所选月份起生成的账单按新单价。</View>
            <View className='field__label'>{sets ? '说明（选填）' : '提议的理由'}</View>
            <Input
              className='fees-field rates-reason'
              value={reason}
              maxlength={200}
              placeholder='如 清运公司每车涨价20元'
              onInput={(e) => setReason(e.detail.value)}
            />
            {error ? <View className='form-error rates-error'>{error}</View> : null}
            {done ? <View className='banner banner--info rates-done'>{done}</View> : null}
            <Btn type='primary' block className='rates-submit' loading={busy === 'save'} onClick={() => void submit()}>
              {sets ? '设置' : '提交给业委会'}
            </Btn>
          </View>
        ) : null}
      </StateView>
    </PageShell>
  );
}
