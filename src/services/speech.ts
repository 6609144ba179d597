/**
 * 读给我听: read a notice aloud in Mandarin, with pause and three speeds.
 *
 * - h5: the browser's `window.speechSynthesis` with a zh-CN voice.
 * - weapp: the WeChat 同声传译 plugin (`WechatSI`, declared in the notices
 *   subpackage's `plugins`, so the main package does not grow): `textToSpeech`
 *   turns each chunk into an audio file played by an InnerAudioContext.
 *
 * The plugin takes a limited text per call, so a long notice is split at sentence
 * ends into chunks under TTS_MAX_BYTES (UTF-8) and played one after another.
 * The pure parts (chunking, the text read) are unit-tested; the players need a
 * browser or WeChat.
 */
import Taro from '@tarojs/taro';

/** Speeds offered: 慢 0.8, 正常 1, 快 1.2. */
export const SPEECH_RATES = [
  { rate: 0.8, label: '慢速' },
  { rate: 1, label: '正常' },
  { rate: 1.2, label: '快速' },
] as const;
export type SpeechRate = (typeof SPEECH_RATES)[number]['rate'];

/**
 * One textToSpeech call takes at most about 1,000 bytes of text (plugin docs; not
 * verifiable offline): chunks stay under 900 bytes of UTF-8 (300 Chinese characters).
 */
export const TTS_MAX_BYTES = 900;
/** The 同声传译 plugin, as declared in the notices subpackage. */
export const SPEECH_PLUGIN = { name: 'WechatSI', provider: 'wx069ba97219f66d99', version: '0.3.6' } as const;

export function utf8Bytes(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** What is read: the title, who posted it, then the body. */
export function speechText(n: { title: string; body: string; authorName?: string; authorRole?: string }): string {
  const who = n.authorName ? `${n.authorName}${n.authorRole ? `，${n.authorRole}` : ''}发布。` : '';
  return `${n.title}。${who}${n.body}`.replace(/[ \t]+/g, ' ').trim();
}

/** Split after these (a sentence end), then, if still too long, after these (a pause). */
const SENTENCE_END = /(?<=[。！？!?；;…\n])/u;
const PAUSE = /(?<=[，、,：:])/u;

function splitHard(s: string, max: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of s) {
    if (utf8Bytes(cur + ch) > max) {
      out.push(cur);
      cur = '';
    }
    cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * Chunks of at most `maxBytes` UTF-8 bytes, split at sentence ends (。！？；…),
 * else at commas, else hard; sentences are packed together while they fit. No text
 * is lost or reordered; blank chunks are dropped.
 */
export function chunkText(text: string, maxBytes = TTS_MAX_BYTES): string[] {
  const pieces: string[] = [];
  for (const sentence of text.split(SENTENCE_END)) {
    if (utf8Bytes(sentence) <= maxBytes) pieces.push(sentence);
    else for (const part of sentence.split(PAUSE)) pieces.push(...(utf8Bytes(part) <= maxBytes ? [part] : splitHard(part, maxBytes)));
  }
  const out: string[] = [];
  let cur = '';
  for (const p of pieces) {
    if (cur && utf8Bytes(cur + p) > maxBytes) {
      out.push(cur);
      cur = '';
    }
    cur += p;
  }
  if (cur) out.push(cur);
  return out.map((c) => c.trim()).filter((c) => c.length > 0);
}

export type SpeechState = 'idle' | 'loading' | 'playing' | 'paused';

export interface Speaker {
  /** Read `text` from the start at `rate`. */
  play(text: string, rate: SpeechRate): void;
  pause(): void;
  resume(): void;
  /** Change the speed; what is left is read at the new speed. */
  setRate(rate: SpeechRate): void;
  stop(): void;
  onState(cb: (s: SpeechState, error?: string) => void): void;
}

/** The browser can read aloud (h5) or the plugin is there (weapp). */
export function speechSupported(): boolean {
  if (process.env.TARO_ENV === 'h5')
    return typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance !== 'undefined';
  return process.env.TARO_ENV === 'weapp';
}

export function createSpeaker(): Speaker {
  return process.env.TARO_ENV === 'weapp' ? weappSpeaker() : browserSpeaker();
}

/** Shared bookkeeping: the chunks, where we are, the state callback. */
function base() {
  let listener: (s: SpeechState, error?: string) => void = () => undefined;
  return {
    chunks: [] as string[],
    index: 0,
    rate: 1 as SpeechRate,
    /** Bumped by play/stop: callbacks of an earlier reading are ignored. */
    run: 0,
    emit: (s: SpeechState, error?: string) => listener(s, error),
    on: (cb: typeof listener) => {
      listener = cb;
    },
  };
}

/** What a person is told when this browser cannot read Chinese aloud. */
export const NO_VOICE = '这个浏览器没有中文语音，不能在这里朗读。请在微信里打开，或调大字号阅读';

/** Calls `then` once the browser's voices are known (at once if loaded; else on voiceschanged or after 1.5 s). */
function withVoices(s: SpeechSynthesis, then: () => void): void {
  if (s.getVoices?.().length) return then();
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    s.removeEventListener?.('voiceschanged', finish);
    then();
  };
  s.addEventListener?.('voiceschanged', finish);
  setTimeout(finish, 1500);
}

function browserSpeaker(): Speaker {
  const b = base();
  const synth = () => (typeof window !== 'undefined' ? window.speechSynthesis : undefined);
  const voice = () =>
    synth()
      ?.getVoices?.()
      .find((v) => /^zh[-_]CN/i.test(v.lang)) ??
    synth()
      ?.getVoices?.()
      .find((v) => /^zh/i.test(v.lang));
  function speakFrom(i: number, run: number) {
    const s = synth();
    if (!s || run !== b.run) return;
    if (i >= b.chunks.length) {
      b.emit('idle');
      return;
    }
    b.index = i;
    const u = new SpeechSynthesisUtterance(b.chunks[i]);
    u.lang = 'zh-CN';
    u.rate = b.rate;
    const v = voice();
    if (v) u.voice = v;
    let started = false;
    u.onstart = () => (started = true);
    // A browser with no usable voice "ends" at once without reading a word: say so, never flip back silently.
    u.onend = () => (started || run !== b.run ? speakFrom(i + 1, run) : b.emit('idle', NO_VOICE));
    u.onerror = (e) => {
      if (run !== b.run) return;
      const err = (e as SpeechSynthesisErrorEvent).error;
      if (err === 'interrupted' || err === 'canceled') return;
      b.emit('idle', '无法朗读，请检查手机音量或稍后再试');
    };
    s.speak(u);
    b.emit('playing');
  }
  return {
    play(text, rate) {
      synth()?.cancel();
      b.run++;
      b.chunks = chunkText(text);
      b.rate = rate;
      if (!synth()) return b.emit('idle', NO_VOICE);
      const run = b.run;
      b.emit('loading');
      // Voices load after the page (voiceschanged): wait a moment before deciding there is none in Chinese.
      withVoices(synth()!, () => {
        if (run !== b.run) return;
        if (!voice()) return b.emit('idle', NO_VOICE);
        speakFrom(0, run);
      });
    },
    pause() {
      synth()?.pause();
      b.emit('paused');
    },
    resume() {
      synth()?.resume();
      b.emit('playing');
    },
    setRate(rate) {
      b.rate = rate;
      // An utterance's rate is fixed once spoken: restart the current chunk at the new speed.
      if (b.chunks.length) {
        synth()?.cancel();
        b.run++;
        speakFrom(b.index, b.run);
      }
    },
    stop() {
      b.run++;
      synth()?.cancel();
      b.emit('idle');
    },
    onState: b.on,
  };
}

interface SIPlugin {
  textToSpeech(o: {
    lang: 'zh_CN';
    tts: boolean;
    content: string;
    success: (r: { retcode: number; filename: string }) => void;
    fail: (e: unknown) => void;
  }): void;
}
declare const requirePlugin: (name: string) => unknown;

function weappSpeaker(): Speaker {
  const b = base();
  let audio: Taro.InnerAudioContext | null = null;
  // A literal name: WeChat's code analysis finds plugin use by it (a variable reads as "unused plugin").
  const plugin = () => requirePlugin('WechatSI') as SIPlugin;
  const synthesize = (content: string) =>
    new Promise<string>((resolve, reject) =>
      plugin().textToSpeech({
        lang: 'zh_CN',
        tts: true,
        content,
        success: (r) => (r.retcode === 0 && r.filename ? resolve(r.filename) : reject(r)),
        fail: reject,
      }),
    );
  function player() {
    if (!audio) {
      audio = Taro.createInnerAudioContext();
      // Play even when the phone is on silent (elderly readers often are).
      (audio as unknown as { obeyMuteSwitch: boolean }).obeyMuteSwitch = false;
      // One listener for the whole reading: the next chunk of the current run.
      audio.onEnded(() => void playFrom(b.index + 1, b.run));
      audio.onError(() => b.emit('idle', '无法播放朗读，请稍后再试'));
    }
    return audio;
  }
  async function playFrom(i: number, run: number) {
    if (run !== b.run) return;
    if (i >= b.chunks.length) {
      b.emit('idle');
      return;
    }
    b.index = i;
    b.emit('loading');
    let src: string;
    try {
      src = await synthesize(b.chunks[i]);
    } catch {
      if (run === b.run) b.emit('idle', '朗读服务暂时不可用，请稍后再试');
      return;
    }
    if (run !== b.run) return;
    const a = player();
    a.src = src;
    a.playbackRate = b.rate;
    a.play();
    b.emit('playing');
  }
  return {
    play(text, rate) {
      audio?.stop();
      b.run++;
      b.chunks = chunkText(text);
      b.rate = rate;
      void playFrom(0, b.run);
    },
    pause() {
      audio?.pause();
      b.emit('paused');
    },
    resume() {
      audio?.play();
      b.emit('playing');
    },
    setRate(rate) {
      b.rate = rate;
      if (audio) audio.playbackRate = rate;
    },
    stop() {
      b.run++;
      audio?.stop();
      audio?.destroy();
      audio = null;
      b.emit('idle');
    },
    onState: b.on,
  };
}
