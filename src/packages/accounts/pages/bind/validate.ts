/**
 * The bind form's checks before sending, so mistakes show next to the field. The
 * limits and patterns are the contract's own (core/accounts/limits.ts); the
 * function checks again.
 */
import { ACCOUNT_LIMITS, INVITE_CODE_LENGTH, INVITE_CODE_PATTERN, PHONE_PATTERN } from '@core/accounts/limits';
import { charCount } from '@/utils/text';

export interface BindForm {
  name: string;
  phone: string;
  note: string;
}

export function validateName(name: string): string | null {
  const n = charCount(name);
  if (n === 0) return '请填写真实姓名';
  if (n < ACCOUNT_LIMITS.nameMin) return `姓名至少${ACCOUNT_LIMITS.nameMin}个字`;
  if (n > ACCOUNT_LIMITS.nameMax) return `姓名最多${ACCOUNT_LIMITS.nameMax}个字`;
  return null;
}

export function validateBindForm(f: BindForm): Partial<Record<keyof BindForm, string>> {
  const errors: Partial<Record<keyof BindForm, string>> = {};
  const name = validateName(f.name);
  if (name) errors.name = name;
  const phone = f.phone.trim();
  if (phone && !PHONE_PATTERN.test(phone)) errors.phone = '请输入11位手机号';
  if (charCount(f.note) > ACCOUNT_LIMITS.note) errors.note = `备注最多${ACCOUNT_LIMITS.note}个字`;
  return errors;
}

/** What the person typed, as the contract reads it (trimmed, upper case). */
export function normalizeInviteCode(code: string): string {
  return code.trim().toUpperCase();
}

export function validateInviteCode(code: string): string | null {
  return INVITE_CODE_PATTERN.test(normalizeInviteCode(code)) ? null : `邀请码为${INVITE_CODE_LENGTH}位字母或数字`;
}
