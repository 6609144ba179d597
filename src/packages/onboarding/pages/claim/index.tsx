/**
 * 认领管理身份: the first committee member (or community worker) of a compound types
 * the one-time code the operator's setup printed (or opens the page with it), and
 * gives their name. Then the first-run guide.
 */
import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Input, View } from '@tarojs/components';
import type { ClaimResult } from '@core/onboarding/contract';
import { CLAIM_CODE_LENGTH, CLAIM_CODE_PATTERN } from '@core/onboarding/limits';
import PageShell from '@/components/PageShell';
import Btn from '@/components/Btn';
import { api, toServiceError } from '@/services/cloud';
import { cachedMe, refreshMe } from '@/store/me';
import { go } from '@/utils/nav';
import { ROUTES } from '@/routes';
import './index.scss';

const normalize = (s: string) => s.replace(/[\s-]/g, '').toUpperCase();

export default function ClaimPage() {
  const params = useRouter().params;
  const [code, setCode] = useState(normalize(decodeURIComponent(params.code ?? '')));
  const [name, setName] = useState(cachedMe()?.person?.name ?? '');
  const [errors, setErrors] = useState<{ code?: string; name?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ClaimResult | null>(null);

  async function submit() {
    const c = normalize(code);
    const next: { code?: string; name?: string } = {};
    if (!CLAIM_CODE_PATTERN.test(c)) next.code = `认领码为${CLAIM_CODE_LENGTH}位字母或数字`;
    if (Array.from(name.trim()).length < 2) next.name = '请填写真实姓名（至少2个字）';
    setErrors(next);
    setFailure(null);
    if (Object.keys(next).length) return;
    setBusy(true);
    try {
      const r = await api('onboarding').call('claim.redeem', { code: c, name: name.trim() });
      // The claim gave a role: read me afresh (the kept one has none).
      await refreshMe().catch(() => undefined);
      setDone(r);
    } catch (e) {
      setFailure(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <PageShell className='claim'>
        <View className='card claim-done'>
          <View className='claim-done__title'>认领成功</View>
          <View>
            您现在是 {done.scopeLabel} 的{done.label}。
          </View>
          <View className='muted'>接下来按开通指引一步步完成：导入花名册、任命楼栋长、设置收费、关联微信群、打印海报。</View>
          <View className='actions'>
            <Btn
              type='primary'
              className='claim-guide'
              onClick={() => go(`${ROUTES.guide}${done.compoundId ? `?compoundId=${done.compoundId}` : ''}`)}
            >
              开始开通指引
            </Btn>
          </View>
        </View>
      </PageShell>
    );
  }

  return (
    <PageShell className='claim'>
      <View className='card'>
        <View className='card__title'>用认领码成为小区的第一位管理者</View>
        <View className='card__sub'>认领码由部署本小程序的人在开通小区时生成，只能用一次，24 小时内有效。</View>
        <View className='field'>
          <View className='field__label'>认领码</View>
          <View className='field__input claim-code'>
            <Input
              value={code}
              maxlength={CLAIM_CODE_LENGTH + 4}
              placeholder={`${CLAIM_CODE_LENGTH}位字母或数字`}
              onInput={(e) => setCode(e.detail.value)}
            />
          </View>
          {errors.code ? <View className='field__error'>{errors.code}</View> : null}
        </View>
        <View className='field'>
          <View className='field__label'>您的真实姓名</View>
          <View className='field__input claim-name'>
            <Input value={name} maxlength={20} placeholder='例如：张建国' onInput={(e) => setName(e.detail.value)} />
          </View>
          {errors.name ? <View className='field__error'>{errors.name}</View> : null}
        </View>
        {failure ? <View className='field__error claim-failure'>{failure}</View> : null}
        <View className='actions'>
          <Btn type='primary' block className='claim-submit' loading={busy} onClick={submit}>
            认领
          </Btn>
        </View>
      </View>
    </PageShell>
  );
}
