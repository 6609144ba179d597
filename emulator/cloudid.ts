/**
 * CloudID (open data such as share-ticket group info).
 *
 * On the platform, `wx.cloud.CloudID(id)` placed in `callFunction`'s `data` is
 * replaced by WeChat before the function runs, and ONLY when it is a top-level
 * field of the event: it arrives as `{ cloudID, data: {...} }`, or as `{ cloudID, errCode, errMsg }`
 * when the id is expired or invalid. Nested values arrive exactly as sent
 * ("非顶层字段的 CloudID 不会被替换", wx.cloud.CloudID docs).
 *
 * Wire marker (NOT verified offline; see README): we take a CloudID object to
 * travel as `{ cloudID: '<id>' }`. Any top-level object with a string
 * `cloudID` is decoded, and whatever else it carried (a client-made `data`) is
 * dropped. That is the strict reading: a client cannot forge decoded group
 * info at the top level, and a nested forgery stays a forgery.
 */
import crypto from 'crypto';

/**
 * Which client API produced the CloudID; each decodes to its own shape
 * (developers.weixin.qq.com/miniprogram/dev/api/open-api/group/wx.getGroupEnterInfo.html:
 * `{ "opengid": "OPENGID" }`, lowercase; .../api/share/wx.getShareInfo.html:
 * `{ "openGId": "OPENGID" }`).
 */
export type GroupApi = 'getGroupEnterInfo' | 'getShareInfo';
import { isPlainObject } from './wire';
import type { Journal } from './store';

/** Default lifetime of an issued share-ticket CloudID (unverified; see README). */
export const CLOUDID_TTL_MS = 5 * 60_000;
/** What an expired or unknown CloudID decodes to (errCode unverified; see README). */
export const CLOUDID_INVALID = { errCode: -1, errMsg: 'cloudID expired or invalid (emulator)' };

export function issueCloudId(
  journal: Journal,
  data: { openGId: string },
  ttlMs = CLOUDID_TTL_MS,
  now = Date.now(),
  api: GroupApi = 'getGroupEnterInfo',
): string {
  if (!data || typeof data.openGId !== 'string' || !data.openGId) throw new Error('shareTickets.issue needs { openGId }');
  // The API travels in the id's prefix (the journal keeps the group only): "e" enter info, "s" share info.
  const id = `${api === 'getShareInfo' ? 's' : 'e'}${Math.floor(Math.random() * 90) + 10}_${crypto.randomBytes(24).toString('base64url')}`;
  journal.addTicket(id, data.openGId, now + ttlMs);
  return id;
}

function decoded(cloudID: string, groupId: string) {
  return cloudID.startsWith('s') ? { openGId: groupId } : { opengid: groupId };
}

/** Replace top-level CloudID markers of a client call's event with what WeChat would put there. */
export function decodeTopLevel(event: Record<string, any>, journal: Journal, appId: string, now = Date.now()) {
  for (const [key, value] of Object.entries(event)) {
    if (!isPlainObject(value) || typeof value.cloudID !== 'string') continue;
    const t = journal.ticket(value.cloudID);
    event[key] =
      t && t.expiresAt.getTime() > now
        ? {
            cloudID: value.cloudID,
            data: { ...decoded(value.cloudID, t.openGId), watermark: { appid: appId, timestamp: Math.floor(now / 1000) } },
          }
        : { cloudID: value.cloudID, ...CLOUDID_INVALID };
  }
}
