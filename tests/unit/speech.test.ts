/** 读给我听: the text read and its chunking for the 同声传译 plugin's length limit. */
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }));
import { TTS_MAX_BYTES, chunkText, speechText, utf8Bytes } from '../../src/services/speech';

describe('chunkText', () => {
  it('keeps a short notice whole', () => {
    expect(chunkText('明天停水。请储水。')).toEqual(['明天停水。请储水。']);
  });
  it('splits a long notice at sentence ends, every chunk within the limit, nothing lost or reordered', () => {
    const sentence = (i: number) => `第${i}句：本周六上午九点到十二点电梯年检，期间请走楼梯，行动不便的老人请提前安排。`;
    const text = Array.from({ length: 40 }, (_, i) => sentence(i + 1)).join('');
    const chunks = chunkText(text);
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) {
      expect(utf8Bytes(c)).toBeLessThanOrEqual(TTS_MAX_BYTES);
      expect(c.endsWith('。')).toBe(true);
    }
    expect(chunks.join('')).toBe(text);
  });
  it('a sentence longer than the limit splits at commas, then hard', () => {
    const long = Array.from({ length: 200 }, () => '停水通知').join('，') + '。';
    const chunks = chunkText(long, 120);
    for (const c of chunks) expect(utf8Bytes(c)).toBeLessThanOrEqual(120);
    expect(chunks.join('')).toBe(long);
    const noPunct = '停'.repeat(500);
    const hard = chunkText(noPunct, 90);
    expect(hard.every((c) => utf8Bytes(c) <= 90)).toBe(true);
    expect(hard.join('')).toBe(noPunct);
  });
  it('counts UTF-8 bytes (Chinese 3, ASCII 1, emoji 4) and drops blank chunks', () => {
    expect(utf8Bytes('a停😀')).toBe(8);
    expect(chunkText('  \n  ')).toEqual([]);
    expect(chunkText('English sentence! 中文句子？')).toEqual(['English sentence! 中文句子？']);
  });
});

describe('speechText', () => {
  it('reads the title, who posted it, then the body', () => {
    expect(speechText({ title: '停水通知', body: '明天停水。', authorName: '李秀英', authorRole: '党员楼栋长' })).toBe(
      '停水通知。李秀英，党员楼栋长发布。明天停水。',
    );
    expect(speechText({ title: 'T', body: 'B' })).toBe('T。B');
  });
});

describe('the 同声传译 plugin lives in the notices subpackage only', () => {
  it('weapp declares it on packages/notices, h5 nowhere, with the provider the service names', () => {
    const { subPackagesFor } = jest.requireActual('../../src/features/routes');
    const { SPEECH_PLUGIN } = jest.requireActual('../../src/services/speech');
    const weapp = subPackagesFor('weapp');
    expect(weapp.find((p: any) => p.root === 'packages/notices').plugins).toEqual({
      [SPEECH_PLUGIN.name]: { provider: SPEECH_PLUGIN.provider, version: SPEECH_PLUGIN.version },
    });
    expect(weapp.filter((p: any) => p.plugins).map((p: any) => p.root)).toEqual(['packages/notices']);
    expect(subPackagesFor('h5').some((p: any) => p.plugins)).toBe(false);
  });
});
