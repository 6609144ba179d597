import { charCount, isVisible, naturalCompare, normalizeText, text, textProblem } from '../../core/platform/text';

describe('text people type', () => {
  const title = text({ max: 10 });
  const body = text({ max: 50, multiline: true });
  const bad = (schema: typeof title, v: string) => schema.safeParse(v).success;

  it('normalises to NFC and trims, counting characters as people see them', () => {
    expect(title.parse('  e\u0301cole ')).toBe('\u00e9cole');
    expect(charCount('👨‍👩‍👧')).toBe(5); // code points: what the limit counts
    expect(body.parse('第一行  \r\n第二行\u3000')).toBe('第一行\n第二行');
  });

  it('refuses invisible, control and direction-changing characters', () => {
    for (const v of ['\u200B\u200B', '\u202Egnp.exe', 'a\u0000b', '\u2066x', '\uFEFF', 'x\u200Ey', '第一行\n第二行', '\u3000\u3000']) {
      expect([v, bad(title, v)]).toEqual([v, false]);
    }
    expect(bad(body, '正文\u0007')).toBe(false);
    expect(bad(body, '\u200D \u3000')).toBe(false); // only a joiner and spaces: nothing visible
    expect(body.parse('一家人👨‍👩‍👧')).toBe('一家人👨‍👩‍👧'); // joiners inside emoji are fine in free text
    expect(textProblem('张\u200D三', { max: 10 })).toMatch(/不可见/); // but never in names
  });

  it('caps length in characters with a Chinese message', () => {
    const r = title.safeParse('一二三四五六七八九十十');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe('最多10个字');
    expect(isVisible('　')).toBe(false);
  });
});

describe('natural order of rooms and buildings', () => {
  it('sorts digit runs as numbers', () => {
    expect(['1001', '101', '9', '10', '2单元1001', '2单元101', '1单元302'].sort(naturalCompare)).toEqual([
      '1单元302',
      '2单元101',
      '2单元1001',
      '9',
      '10',
      '101',
      '1001',
    ]);
    expect(['10栋', '9栋', '沿街商铺S07', '沿街商铺S10', '沿街商铺S7'].sort(naturalCompare)).toEqual([
      '9栋',
      '10栋',
      '沿街商铺S7',
      '沿街商铺S07',
      '沿街商铺S10',
    ]);
  });
});

describe('normalizeText', () => {
  it('leaves single-line text alone apart from the ends', () => {
    expect(normalizeText('  a  b  ')).toBe('a  b');
  });
});
