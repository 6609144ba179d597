/**
 * Reading: "notices for me", opening one (which records the read, once per person
 * and per home), and opens from a WeChat group's share card. Every query here is
 * an indexed equality/$in with a limit: the cost is the same at 585 or 30,000 homes.
 */
import type { DecodedGroupInfo, NoticeDetail, NoticeListPage } from '../../core/notices/contract';
import { AppError } from '../../core/platform/errors';
import {
  actorKeys,
  canManage,
  escapeRegExp,
  isExpired,
  openAccess,
  openGIdOf,
  personReadCounts,
  trackableBuildings,
} from '../../core/notices/rules';
import type { Actor } from '../../core/platform/roles';
import { callerPerson } from '../_shared/actor';
import type { Ctx } from '../_shared/router';
import { partyShown } from '../_shared/party-badge';
import { decodeCursor, pageOf } from '../_shared/db';
import { noticeGroupOpens, noticeHomeReads, noticeReads, notices, type NoticeDoc } from './docs';
import { fromVersion, homeReadId, imageUrls, loadNotice, readId } from './common';
import { progressOf } from './track';
import { detailView, listItem } from './views';

/** The badge counts over this many newest live notices ("99+" is what a badge shows anyway). */
export const UNREAD_WINDOW = 100;

function liveQuery(ctx: Ctx, keys: string[]) {
  const _ = ctx.db.command;
  return { targetKeys: _.in(keys), status: 'published', visibleUntil: _.gt(ctx.now) };
}

type ReadKey = Pick<NoticeDoc, '_id' | 'rootId' | 'readFromVersion'>;

/**
 * Which of `docs` the person has read (any version from the one reads count from):
 * one _id-$in read, reads being kept per notice across its corrections.
 */
async function readSet(ctx: Ctx, personId: string | null, docs: ReadKey[]): Promise<Set<string>> {
  if (!personId || !docs.length) return new Set();
  const _ = ctx.db.command;
  const found = await noticeReads(ctx.db).find(
    { _id: _.in([...new Set(docs.map((d) => readId(d.rootId, personId)))]) },
    { limit: docs.length, fields: { rootId: true, version: true } },
  );
  const byRoot = new Map(found.map((r) => [r.rootId, r]));
  return new Set(docs.filter((d) => personReadCounts(byRoot.get(d.rootId), fromVersion(d))).map((d) => d._id));
}

async function unreadCount(ctx: Ctx, actor: Actor, keys: string[]): Promise<number> {
  if (!keys.length || !actor.personId) return 0;
  const live = await notices(ctx.db).find(liveQuery(ctx, keys), {
    orderBy: [['publishedAt', 'desc']],
    limit: UNREAD_WINDOW,
    fields: { _id: true, authorId: true, rootId: true, readFromVersion: true },
  });
  // My own notices are never "unread" for me.
  const mine = live.filter((n) => n.authorId !== actor.personId);
  const read = await readSet(ctx, actor.personId, mine);
  return mine.length - read.size;
}

/**
 * A page of my inbox or of what I posted, with my unread count (the badge). `unread` is that
 * count when the caller has it already (the 首页 card passes the inbox's to the authored list).
 */
export async function listNotices(
  ctx: Ctx,
  input: { box: 'inbox' | 'authored'; q?: string; cursor?: string; size: number },
  unread?: Promise<number>,
): Promise<NoticeListPage> {
  const actor = await ctx.actor();
  const offset = decodeCursor(input.cursor);
  const keys = actorKeys(actor);
  const titleMatch = input.q ? { title: ctx.db.RegExp({ regexp: escapeRegExp(input.q), options: 'i' }) } : {};
  let docs: NoticeDoc[] = [];
  if (input.box === 'authored') {
    if (actor.personId) {
      docs = await notices(ctx.db).find(
        { authorId: actor.personId, ...titleMatch },
        { orderBy: [['createdAt', 'desc']], skip: offset, limit: input.size + 1 },
      );
    }
  } else if (keys.length) {
    docs = await notices(ctx.db).find(
      { ...liveQuery(ctx, keys), ...titleMatch },
      {
        orderBy: [
          ['pinned', 'desc'],
          ['publishedAt', 'desc'],
        ],
        skip: offset,
        limit: input.size + 1,
      },
    );
  }
  // My own notices are never unread for me: only the others' are looked up.
  const read = await readSet(
    ctx,
    actor.personId,
    docs.filter((d) => d.authorId !== actor.personId),
  );
  const progress = input.box === 'authored' ? await progressOf(ctx, docs) : new Map<string, { reached: number; homes: number }>();
  // 亮身份 as the author's consent is now: a withdrawal covers notices already posted.
  const shown = await partyShown(
    ctx.db,
    docs.filter((d) => d.partyBadge).map((d) => d.authorId),
    [actor.personId ? await callerPerson(ctx, actor.personId) : null],
  );
  const items = docs.map((d) => {
    const item = listItem(
      { ...d, partyBadge: d.partyBadge && shown.has(d.authorId) },
      d.status === 'published' && d.authorId !== actor.personId && !read.has(d._id),
    );
    const p = progress.get(d._id);
    return p ? { ...item, progress: p } : item;
  });
  // The inbox's first page without a search, when it holds every live notice (no more after it),
  // already says what is unread: counting again would read the same notices and reads twice.
  const whole = input.box === 'inbox' && !input.q && offset === 0 && docs.length <= input.size && input.size <= UNREAD_WINDOW;
  const count = whole
    ? docs.filter((d) => d.authorId !== actor.personId && !read.has(d._id)).length
    : await (unread ?? unreadCount(ctx, actor, keys));
  return { ...pageOf(items, offset, input.size), unreadCount: count };
}

export async function countUnread(ctx: Ctx): Promise<{ unread: number }> {
  const actor = await ctx.actor();
  return { unread: await unreadCount(ctx, actor, actorKeys(actor)) };
}

/**
 * Record that the actor (and each of their homes the notice reaches) read it.
 * Reads are kept per notice across its versions (rootId) with the version read, so
 * a correction keeps them; a read of an older version than reads count from is
 * brought up to this one. Deterministic ids and a look before writing: a second
 * open writes nothing. The homes are written BEFORE the person: a process killed
 * in between leaves the person unread (the next open completes it), never a person
 * marked read whose home still counts as unread. The author's own opens are not counted.
 */
async function recordRead(ctx: Ctx, actor: Actor, n: NoticeDoc): Promise<boolean> {
  const personId = actor.personId;
  if (!personId || n.authorId === personId) return false;
  const reached = new Set(n.buildings.map((b) => b.id));
  const homes = [...new Map(actor.homes.filter((h) => reached.has(h.buildingId)).map((h) => [h.homeId, h])).values()];
  const [mine, homeReads] = await Promise.all([
    noticeReads(ctx.db).get(readId(n.rootId, personId)),
    homes.length ? noticeHomeReads(ctx.db).byIds(homes.map((h) => homeReadId(n.rootId, h.homeId))) : Promise.resolve(new Map()),
  ]);
  const from = fromVersion(n);
  for (const h of homes) {
    const rid = homeReadId(n.rootId, h.homeId);
    const r = homeReads.get(rid);
    if (r?.app && (r.appVersion ?? 1) >= from) continue;
    if (r) {
      await noticeHomeReads(ctx.db).patch(rid, { app: true, appVersion: n.version, appAt: ctx.now, appBy: personId });
    } else {
      await noticeHomeReads(ctx.db).put(rid, {
        rootId: n.rootId,
        homeId: h.homeId,
        buildingId: h.buildingId,
        compoundId: h.compoundId,
        app: true,
        appVersion: n.version,
        appAt: ctx.now,
        appBy: personId,
        told: false,
        toldVersion: 0,
      });
    }
  }
  if (mine && (mine.version ?? 1) >= n.version) return false;
  await noticeReads(ctx.db).put(readId(n.rootId, personId), {
    rootId: n.rootId,
    noticeId: n._id,
    version: n.version,
    personId,
    at: ctx.now,
  });
  return !mine;
}

/** One open per notice, group and person, however often it is sent. */
async function recordGroupOpen(ctx: Ctx, noticeId: string, openGId: string): Promise<boolean> {
  const id = `${noticeId}_${openGId}_${ctx.openid}`;
  if (await noticeGroupOpens(ctx.db).get(id)) return false;
  await noticeGroupOpens(ctx.db).put(id, { noticeId, openGId, openid: ctx.openid, at: ctx.now });
  return true;
}

export async function openNotice(ctx: Ctx, input: { noticeId: string; groupInfo?: DecodedGroupInfo }): Promise<NoticeDetail> {
  const actor = await ctx.actor();
  const n = await loadNotice(ctx, input.noticeId);
  const access = openAccess(n, actor, ctx.now);
  if (!access) throw new AppError('NOT_FOUND');
  const live = n.status === 'published' && !isExpired(n, ctx.now);
  if (live) await recordRead(ctx, actor, n);
  if (live && input.groupInfo) await recordGroupOpen(ctx, n._id, openGIdOf(input.groupInfo));
  const hide = access === 'reader' && n.status === 'withdrawn';
  const images = hide ? [] : (await imageUrls(ctx, n.images)).map(({ fileID, url }) => ({ fileID, url }));
  const badge = n.partyBadge && (await partyShown(ctx.db, [n.authorId])).has(n.authorId);
  return detailView(
    { ...n, partyBadge: badge },
    {
      access,
      unread: false,
      images,
      canTrack: trackableBuildings(actor, n).length > 0,
      canManage: canManage(actor, n),
      now: ctx.now,
    },
  );
}

/**
 * Opened from a share card in a WeChat group: counted once per person and group,
 * only for people the notice is for, only while it is live. Group identity comes
 * only from WeChat-decoded group info (a CloudID at the event's top level).
 */
export async function groupOpen(ctx: Ctx, input: { noticeId: string; groupInfo: DecodedGroupInfo }) {
  const actor = await ctx.actor();
  const n = await loadNotice(ctx, input.noticeId);
  // Only the notice's audience (or its followers) count: a stranger cannot pad the figures.
  if (n.status !== 'published' || isExpired(n, ctx.now) || !openAccess(n, actor, ctx.now)) throw new AppError('NOT_FOUND');
  const openGId = openGIdOf(input.groupInfo);
  return { noticeId: n._id, openGId, recorded: await recordGroupOpen(ctx, n._id, openGId) };
}
