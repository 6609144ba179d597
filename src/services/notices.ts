/**
 * The WeChat-only edges a notice needs: image upload to cloud storage, the
 * subscribe-message prompt, the group a share card was opened from, the share
 * menu. Calls to the `notices` function go through api('notices') (services/cloud).
 */
import Taro from '@tarojs/taro';
import { pickAndUploadImages as pickImages } from './upload';
import { ServiceError, api, type PayloadOf } from './cloud';
import { askForMessage } from './subscribe';

/** A group's CloudID object (weapp), replaced by WeChat with the verified group data before the function runs. */
export type GroupInfo = NonNullable<PayloadOf<'notices', 'notices.open'>['groupInfo']>;

const isWeapp = process.env.TARO_ENV === 'weapp';

/** Images can be uploaded only inside WeChat (the local runtime has no upload endpoint). */
/** Photos can be added in WeChat and in the local demo (the runtime stores uploads under the person's own folder). */
export const canUploadImages = true;

export interface PickedImage {
  /** cloud://… once uploaded. */
  fileID: string;
  /** What an <Image> can show: the local temp path (new) or the temp https URL (existing). */
  url: string;
}

/** Notice photos: uploaded into the author's own folder (see services/upload.ts). */
export const pickAndUploadImages = (max: number): Promise<PickedImage[]> => pickImages('notices', max);

export interface SubscribeOutcome {
  accepted: boolean;
  remaining: number;
  /** h5 demo: no WeChat prompt was shown. */
  demo: boolean;
}

/**
 * Ask for one "new notice / reminder" message. Must run inside a user tap on weapp
 * (WeChat shows its own prompt); h5 has no such prompt, so the demo records an
 * accepted tap directly.
 */
export async function subscribeNotices(): Promise<SubscribeOutcome> {
  const tap = await askForMessage('notice', (input) => api('notices').call('notices.subscribe', input));
  return { accepted: tap.accepted, remaining: tap.recorded.remaining, demo: tap.demo };
}

/** Scene 1044: opened from a share card in a WeChat group (with a shareTicket). */
const GROUP_SHARE_SCENE = 1044;

/**
 * weapp only: when the mini-program was entered from a group share card of the given
 * notice (or of any page when noticeId is omitted), the group's CloudID object for a
 * function call; otherwise undefined. Never throws: a group is statistics only.
 */
export async function groupInfoFromEnter(noticeId?: string): Promise<GroupInfo | undefined> {
  if (!isWeapp) return undefined;
  try {
    const enter = Taro.getEnterOptionsSync();
    if (enter.scene !== GROUP_SHARE_SCENE || !enter.shareTicket) return undefined;
    const q = (enter.query ?? {}) as Record<string, string>;
    if (noticeId && q.id !== noticeId && decodeURIComponent(q.id ?? '') !== noticeId) return undefined;
    const info = await new Promise<{ cloudID?: string }>((resolve, reject) =>
      Taro.getGroupEnterInfo({ success: resolve, fail: reject } as Parameters<typeof Taro.getGroupEnterInfo>[0]),
    );
    if (!info.cloudID) return undefined;
    return (Taro.cloud.CloudID as unknown as (id: string) => GroupInfo)(info.cloudID);
  } catch {
    return undefined;
  }
}

/** Let the share menu carry a shareTicket, so group opens can be counted (weapp). */
export function enableGroupShare(): void {
  if (!isWeapp) return;
  try {
    void Taro.showShareMenu({ withShareTicket: true, menus: ['shareAppMessage'] } as Parameters<typeof Taro.showShareMenu>[0]);
  } catch {
    /* older base library */
  }
}

/** One subscribe message the local demo "sent" to the signed-in person (h5 demo only). */
export interface DemoMessage {
  at: string;
  templateId: string;
  page: string | null;
  data: Record<string, { value: string }>;
}

/**
 * h5 demo only: the subscribe messages sent to me, as the local runtime recorded
 * them (GET /api/_demo/outbox, only the signed-in person's own). Newest first.
 */
export async function demoOutbox(): Promise<DemoMessage[]> {
  if (process.env.TARO_ENV !== 'h5') return [];
  let res: Response;
  try {
    res = await fetch('/api/_demo/outbox', { credentials: 'same-origin' });
  } catch {
    throw new ServiceError('NETWORK');
  }
  if (res.status === 401) throw new ServiceError('UNAUTHENTICATED');
  if (!res.ok) throw new ServiceError('NETWORK');
  const body = (await res.json()) as { outbox: DemoMessage[] };
  return [...body.outbox].reverse();
}
