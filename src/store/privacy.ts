/**
 * weapp privacy authorisation (required since base library 2.32.3 with
 * __usePrivacyCheck__). WeChat calls our listener when a privacy API (file pick,
 * clipboard, …) needs consent; the visible page's PrivacyPopup shows our text and
 * resolves it from a button with open-type="agreePrivacyAuthorization".
 */
import Taro from '@tarojs/taro';

type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;

let pending: Resolve | null = null;
const listeners = new Set<(open: boolean) => void>();
let registered = false;

export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree-btn';

export function registerPrivacyListener(): void {
  if (process.env.TARO_ENV !== 'weapp' || registered) return;
  const api = Taro as unknown as { onNeedPrivacyAuthorization?: (l: (resolve: Resolve) => void) => void };
  if (typeof api.onNeedPrivacyAuthorization !== 'function') return;
  registered = true;
  api.onNeedPrivacyAuthorization((resolve) => {
    pending = resolve;
    resolve({ event: 'exposureAuthorization' });
    listeners.forEach((l) => l(true));
  });
}

export function answerPrivacy(agree: boolean): void {
  const resolve = pending;
  pending = null;
  if (resolve) resolve(agree ? { event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID } : { event: 'disagree' });
  listeners.forEach((l) => l(false));
}

export function subscribePrivacy(listener: (open: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function privacyPending(): boolean {
  return pending !== null;
}
