/** The same limits as core/contract/accounts, checked before sending so mistakes show next to the field. */
export interface BindForm {
  name: string;
  phone: string;
  note: string;
}

export function validateBindForm(f: BindForm): Partial<Record<keyof BindForm, string>> {
  const errors: Partial<Record<keyof BindForm, string>> = {};
  const name = f.name.trim();
  if (!name) errors.name = '请填写姓名';
  else if (Array.from(name).length > 20) errors.name = '姓名最多20个字';
  const phone = f.phone.trim();
  if (phone && !/^1\d{10}$/.test(phone)) errors.phone = '请输入11位手机号';
  if (f.note.trim().length > 100) errors.note = '备注最多100个字';
  return errors;
}

export function validateInviteCode(code: string): string | null {
  return /^[A-Z0-9]{6,8}$/i.test(code.trim()) ? null : '邀请码为6到8位字母或数字';
}
