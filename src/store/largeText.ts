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

/**
 * h5: Taro draws its own tab bar outside every page, so the mode is also a class on
 * the document (app.scss grows the tab bar with it). On weapp the custom tab bar
 * reads the mode itself.
 */
function markDocument(on: boolean) {
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') document.documentElement.classList.toggle('jl-large', on);
}
markDocument(enabled);

export function isLargeText(): boolean {
  return enabled;
}

export function setLargeText(on: boolean): void {
  enabled = on;
  markDocument(on);
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
