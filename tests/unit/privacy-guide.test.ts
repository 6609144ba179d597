/**
 * 4. Privacy review: every privacy API the weapp calls is declared in the
 * 用户隐私保护指引 kept in docs/privacy-guide.md (WeChat refuses an undeclared one).
 */
import { join } from 'node:path';
import { PRIVACY_CATALOGUE, declaredInGuide, scanPrivacyApis, undeclaredPrivacyApis } from '../../scripts/lib/privacy';

const ROOT = join(__dirname, '..', '..');

describe('4. privacy APIs are declared in the guide', () => {
  test('the scan finds the photo picker, chooseMessageFile and setClipboardData in the sources', () => {
    const apis = scanPrivacyApis(ROOT).map((u) => u.api);
    expect(apis).toEqual(expect.arrayContaining(['wx.chooseMedia', 'wx.chooseMessageFile', 'wx.setClipboardData']));
  });

  test('the guide declares every privacy API the code calls', () => {
    expect(undeclaredPrivacyApis(ROOT).map((u) => `${u.api} (${u.info}) in ${u.files.join(', ')}`)).toEqual([]);
  });

  test('a guide without an item fails for the API that needs it', () => {
    const guide = '- **选中的照片或视频信息**：…\n- **车牌号**：…\n- **剪切板**：…';
    expect(undeclaredPrivacyApis(ROOT, guide).map((u) => u.api)).toEqual(['wx.chooseMessageFile']);
    expect(declaredInGuide('- **不存在的项**：…').size).toBe(0);
  });

  test('every catalogue item names at least one API', () => {
    for (const item of PRIVACY_CATALOGUE) expect(item.apis.length).toBeGreaterThan(0);
  });
});
