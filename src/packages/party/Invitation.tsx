/** Our household was nominated: accept (with the name we agree to show, e.g. 陈家) or decline. Nothing is public before. */
import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import type { NomineeView, SelectionDetail } from '@core/party/contract';
import Btn from '@/components/Btn';
import { api, toServiceError } from '@/services/cloud';

export default function Invitation(props: { selectionId: string; n: NomineeView; onDone: (d: SelectionDetail) => void }) {
  const [shownAs, setShownAs] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function answer(accept: boolean) {
    setBusy(true);
    setError(null);
    try {
      props.onDone(
        await api('party').call('party.accept', {
          selectionId: props.selectionId,
          homeId: props.n.homeId,
          accept,
          ...(accept ? { shownAs } : {}),
        }),
      );
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <View className='card party-invitation'>
      <View className='card__title'>邻居提名了您家</View>
      <View className='party-muted'>提名理由：{props.n.reason}</View>
      <View className='party-muted'>同意后，您家的房号和下面填写的称呼会公开显示在候选名单里；不同意则不会显示。</View>
      <Input
        className='field__input party-input party-shown-as'
        value={shownAs}
        maxlength={10}
        placeholder='公开显示的称呼，如 陈家'
        onInput={(e) => setShownAs(e.detail.value)}
      />
      {error ? <View className='form-error'>{error}</View> : null}
      <View className='party-actions'>
        <Btn type='primary' loading={busy} className='party-accept' onClick={() => void answer(true)}>
          同意参选
        </Btn>
        <Btn loading={busy} className='party-decline' onClick={() => void answer(false)}>
          不参加
        </Btn>
      </View>
    </View>
  );
}
