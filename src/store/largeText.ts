/** 适老化大字模式: one switch, remembered on the device, read by every PageShell. */
import Taro from '@tarojs/taro';

const KEY = 'jinlin.largeText';
let enabled = false;
try {
  enabled = Taro.getStorageSync(KEY) === true;
} catch {
  enabled = false;
}
const listeners = new Set<(on: boolean) => void>();

export function isLargeText(): boolean {
  return enabled;
}

export function setLargeText(on: boolean): void {
  enabled = on;
  try {
    Taro.setStorageSync(KEY, on);
  } catch {
    // Storage full or unavailable: the mode still applies for this session.
  }
  listeners.forEach((l) => l(on));
}

export function subscribeLargeText(listener: (on: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
