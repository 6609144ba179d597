/** Collections of notices. */
import { defineCollections } from '../platform/collections';

export const NOTICES_COLLECTIONS = defineCollections([
  // Every per-user read is an equality/$in on the first key of one of these, with a limit: never a scan.
  {
    name: 'notices',
    indexes: [
      /** "Notices for me": targetKeys is an array (multikey), queried with $in. */
      { name: 'inbox', keys: { targetKeys: 1, status: 1, pinned: -1, publishedAt: -1 } },
      { name: 'author', keys: { authorId: 1, createdAt: -1 } },
      /** The wxa_media_check push names a trace_id; find its notice by it. */
      { name: 'media_trace', keys: { mediaTraceIds: 1 } },
    ],
  },
  /** One per person and notice (all versions): _id `${rootId}_${personId}`, with the newest version read. */
  {
    name: 'noticeReads',
    indexes: [
      { name: 'root_version', keys: { rootId: 1, version: 1 } },
      { name: 'person', keys: { personId: 1, at: -1 } },
    ],
  },
  /**
   * One per home and notice, all versions (_id `${rootId}_${homeId}`): read in the app
   * and/or told in person, with the version each happened on; the author's own homes.
   */
  {
    name: 'noticeHomeReads',
    indexes: [
      { name: 'root_building', keys: { rootId: 1, buildingId: 1 } },
      /** 亮作为: the homes one person told in person (cloudfunctions/_shared/member-record.ts). */
      { name: 'told_by', keys: { toldBy: 1, toldAt: -1 } },
    ],
  },
  /** One per notice, WeChat group and opener (_id `${noticeId}_${openGId}_${openid}`). */
  { name: 'noticeGroupOpens', indexes: [{ name: 'notice_group', keys: { noticeId: 1, openGId: 1 } }] },
  { name: 'noticeReminders', indexes: [{ name: 'notice', keys: { noticeId: 1, at: -1 } }] },
  /** Subscribe-message grants left, _id `${openid}_${templateId}`. */
  { name: 'subscriptions', indexes: [{ name: 'person', keys: { personId: 1 } }] },
  /** A WeChat group (_id = openGId) linked to the building group it is. */
  {
    name: 'groupLinks',
    indexes: [
      { name: 'building', keys: { buildingId: 1 } },
      /** A compound's 业主群 links (only they carry ownersOf). */
      { name: 'owners', keys: { ownersOf: 1 } },
    ],
  },
]);
