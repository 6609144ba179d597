/** The form that sets (committee) or proposes (property manager) a rate from a month on. */
import { Input, View } from '@tarojs/components';
import { FEE_KIND_LABELS, FEE_KIND_UNITS, TIER_LABELS, TIERS } from '@core/fees/rules';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { KINDS } from './rates-text';
import type { RateForm as Form } from './useRateForm';

export function RateForm({ f, sets }: { f: Form; sets: boolean }) {
  const { kind, setKind, fixedCode, setFixedCode, name, setName, from, setFrom, tiers, setTiers, fen, setFen } = f;
  const { reason, setReason, error, done, setDone, busy, submit, months, now, fixedItems } = f;
  return (
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
  );
}
