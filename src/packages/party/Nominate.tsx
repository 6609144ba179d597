/** 提名: pick a neighbour's home (building → unit → room) and say why. Nominating one's own home is refused by the function. */
import { useState } from 'react';
import { Textarea, View } from '@tarojs/components';
import type { SelectionDetail } from '@core/party/contract';
import { PARTY_LIMITS } from '@core/party/limits';
import Btn from '@/components/Btn';
import HomePicker, { type PickedHome } from '@/components/HomePicker';
import { api, toServiceError } from '@/services/cloud';

export default function Nominate(props: { d: SelectionDetail; onDone: (d: SelectionDetail) => void }) {
  const [home, setHome] = useState<PickedHome | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit() {
    if (!home) return setError('请选择要提名的住户');
    setBusy(true);
    setError(null);
    try {
      props.onDone(
        await api('party').call('party.nominate', {
          selectionId: props.d.id,
          homeId: props.d.myHomeId!,
          nomineeHomeId: home.homeId,
          reason,
        }),
      );
      setHome(null);
      setReason('');
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <View className='card party-nominate'>
      <View className='card__title'>提名一户邻居</View>
      <HomePicker compoundIds={[props.d.compoundId]} value={home} onChange={setHome} classPrefix='party-nominee' pickedLabel='提名' />
      <Textarea
        className='field__textarea party-reason'
        value={reason}
        maxlength={PARTY_LIMITS.nominationReason}
        placeholder='提名理由，如：常年义务打扫楼道'
        onInput={(e) => setReason(e.detail.value)}
      />
      <View className='party-muted'>被提名的住户同意后才会公开显示；不能提名自己家。</View>
      {error ? <View className='form-error party-error'>{error}</View> : null}
      <Btn type='primary' block loading={busy} className='party-nominate-submit' onClick={submit}>
        提交提名
      </Btn>
    </View>
  );
}
