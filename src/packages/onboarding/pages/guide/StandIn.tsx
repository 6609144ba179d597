/**
 * 社区代行业委会: a compound with no committee is run by a community worker, who takes
 * the committee's place here (importing the register, setting rates, approving
 * residents) until a committee member is appointed, which hands it back.
 */
import { useState } from 'react';
import { View } from '@tarojs/components';
import type { Guide } from '@core/onboarding/contract';
import Btn from '@/components/Btn';
import { api, toServiceError } from '@/services/cloud';
import { refreshMe } from '@/store/me';

export default function StandIn(props: { compoundId: string; standIn: NonNullable<Guide['standIn']>; onChanged: () => void }) {
  const { standIn } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function set(on: boolean) {
    setBusy(true);
    setError(null);
    try {
      await api('accounts').call('roles.standIn', { compoundId: props.compoundId, on });
      // Her roles changed: the pages she opens next read them from the kept me.
      await refreshMe().catch(() => undefined);
      props.onChanged();
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <View className='guide-banner guide-run-by-community'>
      <View>本小区还没有业委会：由社区工作人员代行业委会职责（导入花名册、设置收费、审核住户），选出并任命业委会委员后自动交还。</View>
      {standIn.holderName ? <View className='guide-stand-in__holder'>现由 {standIn.holderName} 代行</View> : null}
      {error ? <View className='form-error'>{error}</View> : null}
      {standIn.canTake ? (
        <Btn type='primary' block loading={busy} className='guide-stand-in' onClick={() => void set(true)}>
          由我代行业委会职责
        </Btn>
      ) : null}
      {standIn.mine ? (
        <Btn block loading={busy} className='guide-stand-in-off' onClick={() => void set(false)}>
          交还（不再代行）
        </Btn>
      ) : null}
    </View>
  );
}
