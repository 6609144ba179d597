/**
 * The local stand-in for WeChat's content-security model: a tiny, obvious word
 * list, so tests and demos can trigger each outcome on purpose. It is NOT a
 * moderation list and must never be used as one.
 *
 * label values follow msgSecCheck v2: 100 normal, 20001 时政, 20002 色情,
 * 20003 辱骂, 20006 违法犯罪, 20008 欺诈, 20012 低俗, 20013 版权, 21000 其他.
 */
export type SensitiveWord = { word: string; suggest: 'risky' | 'review'; label: number };

export const SENSITIVE_WORDS: SensitiveWord[] = [
  { word: '违禁词', suggest: 'risky', label: 20006 },
  { word: '赌博', suggest: 'risky', label: 20006 },
  { word: '诈骗', suggest: 'risky', label: 20008 },
  { word: '傻逼', suggest: 'risky', label: 20003 },
  { word: '代开发票', suggest: 'risky', label: 20008 },
  // "review" = the model is unsure; production asks for human review.
  { word: '加微信', suggest: 'review', label: 21000 },
  { word: '待审词', suggest: 'review', label: 21000 },
];

/** Names containing this marker are judged risky by the media check sandbox. */
export const RISKY_MEDIA_MARKER = 'risky';
