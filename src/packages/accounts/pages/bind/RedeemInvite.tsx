/** 使用邀请码: redeem a one-time code for a home or a staff role (bind page). */
import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import { ACCOUNT_LIMITS, INVITE_CODE_LENGTH } from '@core/accounts/limits';
import Btn from '@/components/Btn';
import { api, toServiceError } from '@/services/cloud';
import { cachedMe, refreshMe } from '@/store/me';
import type { Done } from './PickHome';
import { normalizeInviteCode, validateInviteCode, validateName } from './validate';

export function RedeemInvite(props: { code?: string; onDone: (d: Done) => void }) {
  const [code, setCode] = useState(props.code ?? '');
  const [name, setName] = useState(cachedMe()?.person?.name ?? '');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit() {
    const codeError = validateInviteCode(code);
    const nameError = validateName(name);
    if (codeError || nameError) {
      setError(codeError ?? nameError ?? null);
      return;
    }
    setError(null);
    setSubmitting(true);
    try {
      // Any code: a home's (binds) or a staff invite (joins the property staff).
      const r = await api('accounts').call('invite.redeem', { code: normalizeInviteCode(code), name: name.trim() });
      void refreshMe().catch(() => undefined);
      props.onDone(r.kind === 'home' ? { kind: 'redeemed', home: r.home } : { kind: 'staff', role: r.role });
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <View className='card bind-invite'>
      <View className='card__sub bind-invite__hint'>楼栋长、业委会或物业给您的邀请码，输入后直接绑定，无需等待审核。</View>
      <View className='field'>
        <View className='field__label'>邀请码</View>
        <Input
          className='field__input bind-code'
          value={code}
          placeholder={`${INVITE_CODE_LENGTH}位字母或数字`}
          maxlength={INVITE_CODE_LENGTH}
          onInput={(e) => setCode(e.detail.value)}
        />
      </View>
      <View className='field'>
        <View className='field__label'>姓名</View>
        <Input
          className='field__input bind-invite-name'
          value={name}
          placeholder='请输入真实姓名'
          maxlength={ACCOUNT_LIMITS.nameMax}
          onInput={(e) => setName(e.detail.value)}
        />
      </View>
      {error ? <View className='form-error bind-error'>{error}</View> : null}
      <Btn type='primary' block loading={submitting} className='bind-redeem' onClick={submit}>
        使用邀请码绑定
      </Btn>
    </View>
  );
}
