/**
 * Privacy APIs (隐私接口): since base library 2.32.3 / Sept 2023, WeChat refuses a
 * privacy API with "fail api scope is not declared in the privacy agreement" (errno
 * 112) unless the mini-program's 用户隐私保护指引 declares the information it
 * handles. The catalogue below is WeChat's table "隐私接口与对应的处理的信息"
 * (developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/miniprogram-intro.html),
 * reduced to what a mini-program can call.
 *
 * `scanPrivacyApis` finds every privacy API the weapp's sources call (src/ and core/,
 * what `taro build --type weapp` compiles: Taro.x and wx.x calls, open-type buttons,
 * plugins). The built JS cannot be scanned by name: Taro's runtime lists every API.
 * docs/privacy-guide.md is the guide's text as entered in the console; a unit test
 * (tests/unit/privacy-guide.test.ts) fails when code calls an API it does not declare.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface PrivacyInfo {
  /** The guide's item as the console names it (处理的信息). */
  info: string;
  /** Calls and components that need it. */
  apis: string[];
}

export const PRIVACY_CATALOGUE: PrivacyInfo[] = [
  { info: '用户信息（微信昵称、头像）', apis: ['open-type=chooseAvatar', 'wx.getUserInfo', 'wx.getUserProfile'] },
  { info: '位置信息', apis: ['wx.getLocation', 'wx.startLocationUpdate', 'wx.startLocationUpdateBackground', 'wx.getFuzzyLocation'] },
  { info: '选择的位置信息', apis: ['wx.choosePoi', 'wx.chooseLocation'] },
  { info: '地址', apis: ['wx.chooseAddress'] },
  { info: '发票信息', apis: ['wx.chooseInvoiceTitle', 'wx.chooseInvoice'] },
  { info: '微信运动数据', apis: ['wx.getWeRunData'] },
  { info: '手机号', apis: ['open-type=getPhoneNumber', 'open-type=getRealtimePhoneNumber'] },
  { info: '车牌号', apis: ['wx.chooseLicensePlate'] },
  { info: '选中的照片或视频信息', apis: ['wx.chooseImage', 'wx.chooseMedia', 'wx.chooseVideo'] },
  { info: '选中的文件', apis: ['wx.chooseMessageFile'] },
  { info: '麦克风', apis: ['wx.startRecord', 'wx.getRecorderManager', 'wx.joinVoIPChat'] },
  { info: '摄像头', apis: ['wx.createVKSession', '<camera>'] },
  { info: '蓝牙', apis: ['wx.openBluetoothAdapter', 'wx.createBLEPeripheralServer'] },
  { info: '相册（仅写入）权限', apis: ['wx.saveImageToPhotosAlbum', 'wx.saveVideoToPhotosAlbum'] },
  { info: '通讯录（仅写入）权限', apis: ['wx.addPhoneContact'] },
  { info: '日历（仅写入）权限', apis: ['wx.addPhoneRepeatCalendar', 'wx.addPhoneCalendar'] },
  { info: '剪切板', apis: ['wx.setClipboardData', 'wx.getClipboardData'] },
];

export interface PrivacyUse {
  api: string;
  info: string;
  /** Files (relative to the repo) that call it. */
  files: string[];
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|tsx)$/.test(name) && !/\.(test|d)\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

function pattern(api: string): RegExp {
  if (api.startsWith('open-type=')) return new RegExp(`openType=['"{]+${api.slice(10)}['"}]`);
  if (api === '<camera>') return /<Camera\b/;
  const name = api.slice(3);
  return new RegExp(`\\b(?:Taro|wx)\\.${name}\\b`);
}

/** Every privacy API the weapp's sources use, with the guide item each needs. */
export function scanPrivacyApis(root: string, dirs = ['src', 'core']): PrivacyUse[] {
  const files = dirs.flatMap((d) => sourceFiles(join(root, d)));
  const texts = files.map((f) => [relative(root, f), readFileSync(f, 'utf8')] as const);
  const uses: PrivacyUse[] = [];
  for (const item of PRIVACY_CATALOGUE) {
    for (const api of item.apis) {
      const re = pattern(api);
      const hits = texts.filter(([, t]) => re.test(t)).map(([f]) => f);
      if (hits.length) uses.push({ api, info: item.info, files: hits });
    }
  }
  return uses;
}

/** The guide items docs/privacy-guide.md declares: its lines `- 选中的文件：…`. */
export function declaredInGuide(guide: string): Set<string> {
  const known = new Set(PRIVACY_CATALOGUE.map((i) => i.info));
  const out = new Set<string>();
  for (const line of guide.split('\n')) {
    const m = /^- \*\*(.+?)\*\*/.exec(line.trim());
    if (m && known.has(m[1])) out.add(m[1]);
  }
  return out;
}

/** Uses the guide does not declare (empty: the guide covers the code). */
export function undeclaredPrivacyApis(root: string, guide = readFileSync(join(root, 'docs', 'privacy-guide.md'), 'utf8')): PrivacyUse[] {
  const declared = declaredInGuide(guide);
  return scanPrivacyApis(root).filter((u) => !declared.has(u.info));
}
