/**
 * Pure helpers of the notices subpackage: where a person may post (core/authz
 * `can`, the table the function enforces), the post form's checks (limits from
 * core/notices/limits.ts), and the words shown after a reminder. No Taro here, so jest tests them directly.
 */
import { can } from '@core/authz';
import { NOTICE_LIMITS } from '@core/notices/limits';
import type { CompoundInfo, Me } from '@core/accounts/contract';
import type { Audience, ReadRate, RemindPreview, RemindResult } from '@core/notices/contract';
import type { JobView } from '@core/platform/jobs';
import { actorOf, buildingTarget, compoundTarget } from '@/utils/actor';
import { charCount } from '@/utils/text';

export interface AudienceOption {
  /** "c:<compoundId>" or "b:<buildingId>" */
  key: string;
  kind: 'compound' | 'building';
  id: string;
  /** "全小区" or the building's name */
  label: string;
  hint?: string;
}
export interface AudienceGroup {
  compoundId: string;
  compoundName: string;
  options: AudienceOption[];
}

/**
 * The compounds and buildings this person may post to: 全小区 where a compound (or
 * community) role covers it, and each building they may post to. A lead sees only
 * the buildings they lead.
 */
export function audienceGroups(me: Pick<Me, 'roles'>, compounds: CompoundInfo[]): AudienceGroup[] {
  const actor = actorOf(me);
  const out: AudienceGroup[] = [];
  for (const c of compounds) {
    const options: AudienceOption[] = [];
    if (can(actor, 'notice.post', compoundTarget(c))) {
      options.push({
        key: `c:${c.id}`,
        kind: 'compound',
        id: c.id,
        label: '全小区',
        hint: `${c.buildings.reduce((s, b) => s + b.homeCount, 0)}户`,
      });
    }
    for (const b of c.buildings) {
      if (can(actor, 'notice.post', buildingTarget(c, b)))
        options.push({ key: `b:${b.id}`, kind: 'building', id: b.id, label: b.name, hint: `${b.homeCount}户` });
    }
    if (options.length) out.push({ compoundId: c.id, compoundName: c.name, options });
  }
  return out;
}

/**
 * Tap an option: a notice goes either to whole compounds or to chosen buildings, so
 * picking the other kind starts a new selection.
 */
export function toggleAudience(selected: string[], key: string): string[] {
  if (selected.includes(key)) return selected.filter((k) => k !== key);
  const kind = key.slice(0, 2);
  return [...selected.filter((k) => k.slice(0, 2) === kind), key];
}

/** A single option is picked for the person from the start (a lead of one building). */
export function defaultSelection(groups: AudienceGroup[]): string[] {
  const all = groups.flatMap((g) => g.options);
  return all.length === 1 ? [all[0].key] : [];
}

export function audienceOf(selected: string[]): Audience | null {
  if (!selected.length) return null;
  if (selected[0].startsWith('c:')) return { kind: 'compounds', compoundIds: selected.map((k) => k.slice(2)) };
  return { kind: 'buildings', buildingIds: selected.map((k) => k.slice(2)) };
}

/** "天翔世家 3栋、5栋" for the confirmation line. */
export function audienceLabel(groups: AudienceGroup[], selected: string[]): string {
  return groups
    .map((g) => {
      const picked = g.options.filter((o) => selected.includes(o.key));
      if (!picked.length) return '';
      return `${g.compoundName} ${picked.map((o) => o.label).join('、')}`;
    })
    .filter(Boolean)
    .join('；');
}

export interface PostForm {
  title: string;
  body: string;
  expiresOn: string;
}
export type PostErrors = Partial<Record<'title' | 'body' | 'audience' | 'expiresOn', string>>;

/** The same limits as the contract, checked before sending so the form keeps its text. */
export function validatePost(form: PostForm, opts: { audience: boolean; today: string }): PostErrors {
  const e: PostErrors = {};
  const title = charCount(form.title);
  const body = charCount(form.body);
  if (!title) e.title = '请填写标题';
  else if (title > NOTICE_LIMITS.title) e.title = `标题不超过${NOTICE_LIMITS.title}个字`;
  if (!body) e.body = '请填写正文';
  else if (body > NOTICE_LIMITS.body) e.body = `正文不超过${NOTICE_LIMITS.body}个字`;
  if (!opts.audience) e.audience = '请选择发给哪些楼栋或全小区';
  if (form.expiresOn && form.expiresOn < opts.today) e.expiresOn = '截止日期不能早于今天';
  return e;
}

/** Today in Shanghai as "YYYY-MM-DD" (core's dayjs-free period module). */
export { shanghaiDay as todayShanghai } from '@core/platform/period';

/** The toast after 一键提醒 (r.reminded and r.unreachable count people; the sending may still be running). */
export function remindText(r: RemindResult): string {
  if (r.unreadHomes === 0) return '所有住户都已知晓，无需提醒';
  const sent = `已提醒 ${r.reminded} 人${r.finished ? '' : '（仍在发送）'}`;
  return r.unreachable > 0 ? `${sent}，${r.unreachable} 人无法通过微信提醒（可当面告知）` : sent;
}

/** Width of a rate bar, in percent, never wider than the bar. */
export function barWidth(rate: number): string {
  return `${Math.max(0, Math.min(100, Math.round(rate)))}%`;
}

export interface PreviewWords {
  /** Nothing left to remind. */
  allKnown: boolean;
  /** "可以微信提醒 12 人（10 户）" */
  reach: string;
  /** Homes that cannot get a WeChat message and why; null when none. */
  inPerson: string | null;
  /** The button is useful only when someone can be reached. */
  canRemind: boolean;
}

/** Before the tap: whom a reminder reaches, and who must be told in person instead. */
export function previewWords(p: RemindPreview): PreviewWords {
  if (p.unreadHomes === 0) return { allKnown: true, reach: '所有住户都已知晓，无需提醒', inPerson: null, canRemind: false };
  const left = Math.max(0, p.unreadHomes - p.homesWithGrant);
  const reach = p.withGrant > 0 ? `可以微信提醒 ${p.withGrant} 人（${p.homesWithGrant} 户）` : '现在没有人可以微信提醒';
  const notSubscribed = Math.max(0, p.people - p.withGrant);
  const why = notSubscribed > 0 ? `其中 ${notSubscribed} 人用小程序但没有订阅提醒，其余户没有人用小程序` : '这些户没有人用小程序';
  return {
    allKnown: false,
    reach,
    inPerson: left > 0 ? `${left} 户收不到微信提醒（${why}），请上门或打电话告知，再点“当面告知”记下` : null,
    canRemind: p.withGrant > 0,
  };
}

export type Tone = 'ok' | 'info' | 'warn';

/** After the tap: the reminder job's progress, honestly (0 is never a success). */
export function jobWords(j: JobView): { text: string; tone: Tone; finished: boolean } {
  const unknown = j.unknown > 0 ? `，${j.unknown} 人不确定是否收到` : '';
  if (j.status === 'failed')
    return { text: `提醒没有发完：${j.error ?? '请稍后再试'}（已提醒 ${j.done} 人）`, tone: 'warn', finished: true };
  if (j.status !== 'done') {
    const of = j.total !== null ? `，共需检查 ${j.total} 人` : '';
    return { text: `正在发送提醒：已提醒 ${j.done} 人${of}…`, tone: 'info', finished: false };
  }
  if (j.done === 0) {
    return {
      text: `没有提醒到任何人：${j.skipped > 0 ? `${j.skipped} 人的提醒次数已用完或未订阅` : '没有可提醒的人'}。请当面告知。`,
      tone: 'warn',
      finished: true,
    };
  }
  const skipped = j.skipped > 0 ? `，${j.skipped} 人收不到（未订阅或次数用完）` : '';
  return { text: `已提醒 ${j.done} 人${skipped}${unknown}`, tone: j.skipped > 0 || j.unknown > 0 ? 'info' : 'ok', finished: true };
}

/** "56/68 户已知晓" */
export function progressText(p: { reached: number; homes: number }): string {
  return `${p.reached}/${p.homes} 户已知晓`;
}

/** The line under the totals: what counts as known, including the author's own home. */
export function knownBreakdown(r: ReadRate): string {
  const own = r.own > 0 ? ` · ${r.own} 户是发布人自家（算已知晓）` : '';
  return `${r.read} 户已读 · ${r.told} 户当面告知${own} · ${r.unread} 户未读`;
}
