/**
 * One action of a concerns sheet: busy while it runs, its error shown in the sheet,
 * and on success the answer applied, a toast and the sheet closed. The concern and
 * the topic pages both submit this way.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { toServiceError } from '@/services/cloud';

export function useSheetRun(close: () => void) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run<T>(what: () => Promise<T>, done: string, after?: (v: T) => void) {
    setBusy(true);
    setError(null);
    try {
      const v = await what();
      after?.(v);
      void Taro.showToast({ title: done, icon: 'success' });
      close();
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, setError, run };
}
