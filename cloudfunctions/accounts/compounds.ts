/**
 * Compounds as pickers need them, at district size (one environment, ~500 compounds):
 *   - staff pickers read only the compounds the caller works in (callerCompounds);
 *   - a newcomer finds theirs by name (searchCompounds: an indexed lookup of the name's
 *     keys, names and communities only), then reads that one compound's buildings
 *     (getCompound, also the direct path from a poster's building).
 * Nothing here reads every compound of the environment, except the backfill that
 * setup runs once per deployment.
 */
import type { CompoundHit, CompoundInfo } from '../../core/accounts/contract';
import { compoundNameKeys, compoundQueryKeys } from '../../core/accounts/search';
import { AppError } from '../../core/platform/errors';
import type { Actor } from '../../core/platform/roles';
import type { Database } from '../_shared/database';
import type { Ctx } from '../_shared/router';
import { decodeCursor, pageOf } from '../_shared/db';
import { MAX_GET } from '../_shared/repo';
import { buildings as buildingsRepo, communities, compounds as compoundsRepo, type CompoundDoc } from '../_shared/directory';
import { buildingView } from './views';

const byId = (a: { _id: string }, b: { _id: string }) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);

/** The compound documents the caller holds a role in, or serves from a community-wide role, by id. */
async function callerCompoundDocs(ctx: Ctx, actor: Actor): Promise<CompoundDoc[]> {
  const ids = [...new Set(actor.roles.flatMap((r) => (r.compoundId ? [r.compoundId] : [])))];
  const communityIds = [...new Set(actor.roles.filter((r) => !r.compoundId).map((r) => r.communityId))];
  const _ = ctx.db.command;
  const [named, served] = await Promise.all([
    compoundsRepo(ctx.db).byIds(ids),
    communityIds.length ? compoundsRepo(ctx.db).all({ communityId: _.in(communityIds) }) : [],
  ]);
  return [...new Map([...named.values(), ...served].map((c) => [c._id, c])).values()].sort(byId);
}

/**
 * The compounds the caller holds a role in, or serves from a community-wide role: what a
 * staff page's picker can offer (roster.list, roles.list, invite.list filter it by the
 * table). Indexed reads by id and by community, so a district of 500 compounds costs an
 * office worker their community's compounds and a committee member their one.
 */
export async function callerCompounds(ctx: Ctx, actor: Actor): Promise<CompoundInfo[]> {
  return compoundInfos(ctx, await callerCompoundDocs(ctx, actor));
}

/**
 * compounds.list, for the pickers of people who already belong somewhere (HomePicker in
 * repairs 代登记, parking, charging and party nominations; notices post; import; votes
 * create): the compounds the caller works in, and those they live in (a resident
 * nominates a neighbour). Each page filters further by the authorization table. Never
 * every compound: a newcomer with neither gets none and searches (compounds.search).
 */
export async function listCompounds(ctx: Ctx, input: { compoundIds?: string[] }): Promise<CompoundInfo[]> {
  const actor = await ctx.actor();
  const docs = await callerCompoundDocs(ctx, actor);
  const homeIds = [...new Set(actor.homes.map((h) => h.compoundId))].filter((id) => !docs.some((c) => c._id === id));
  const lived = homeIds.length ? [...(await compoundsRepo(ctx.db).byIds(homeIds)).values()] : [];
  const all = [...docs, ...lived].sort(byId);
  return compoundInfos(ctx, input.compoundIds ? all.filter((c) => input.compoundIds!.includes(c._id)) : all);
}

/**
 * compounds.search: compounds whose name holds every key of the query, in name order.
 * One indexed equality read on `nameKeys` (a multikey index: an array field is indexed
 * element by element, and `{nameKeys: k}` matches an array holding k — WeChat's
 * 查询数组元素, https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/database/query-array-object.html;
 * CloudBase's database is MongoDB, whose multikey indexes serve it:
 * https://www.mongodb.com/docs/manual/core/indexes/index-types/index-multikey/). The
 * index `name_keys` {nameKeys, name} also gives the order, so a page reads at most
 * skip + size + 1 of the compounds holding the first key: never the whole collection.
 */
export async function searchCompounds(ctx: Ctx, input: { q: string; cursor?: string; size: number }) {
  const keys = compoundQueryKeys(input.q);
  const offset = decodeCursor(input.cursor);
  const _ = ctx.db.command;
  const where = keys.length === 1 ? { nameKeys: keys[0] } : _.and(keys.map((k) => ({ nameKeys: k })));
  const found = await compoundsRepo(ctx.db).find(where, {
    orderBy: [['name', 'asc']],
    skip: offset,
    limit: input.size + 1,
    fields: { name: true, communityId: true },
  });
  const names = await communities(ctx.db).byIds([...new Set(found.map((c) => c.communityId))]);
  const hits: CompoundHit[] = found.map((c) => ({ id: c._id, name: c.name, communityName: names.get(c.communityId)?.name ?? '' }));
  return pageOf(hits, offset, input.size);
}

/** compounds.get: one compound with its buildings, by id or by one of its buildings (a poster's scene). */
export async function getCompound(ctx: Ctx, input: { compoundId?: string; buildingId?: string }): Promise<CompoundInfo> {
  let compoundId = input.compoundId;
  if (input.buildingId) compoundId = (await buildingsRepo(ctx.db).must(input.buildingId, '没有找到这栋楼，请向楼栋长要邀请码')).compoundId;
  const compound = await compoundsRepo(ctx.db).get(compoundId!);
  if (!compound) throw new AppError('NOT_FOUND', '没有找到这个小区');
  return (await compoundInfos(ctx, [compound]))[0];
}

/** Compounds as the pickers show them: with their community's name and their buildings in order. */
async function compoundInfos(ctx: Ctx, list: CompoundDoc[]): Promise<CompoundInfo[]> {
  const _ = ctx.db.command;
  const [names, buildings] = await Promise.all([
    communities(ctx.db).byIds([...new Set(list.map((c) => c.communityId))]),
    list.length
      ? buildingsRepo(ctx.db).all({ compoundId: _.in(list.map((c) => c._id)) }, [
          ['compoundId', 'asc'],
          ['no', 'asc'],
        ])
      : [],
  ]);
  return list.map((c) => ({
    id: c._id,
    name: c.name,
    communityId: c.communityId,
    communityName: names.get(c.communityId)?.name ?? '',
    buildings: buildings.filter((b) => b.compoundId === c._id).map(buildingView),
  }));
}

/**
 * Writes the search keys of every compound whose `nameKeys` are missing or stale (written
 * before search existed, or renamed by hand in the console). Idempotent: a second run
 * writes nothing. Setup runs it (scripts/lib/setup.ts), so `npm run setup` against an
 * existing environment migrates it. Returns how many compounds it updated.
 */
export async function backfillCompoundKeys(db: Database): Promise<number> {
  const _ = db.command;
  let updated = 0;
  let after = '';
  for (;;) {
    const page = await compoundsRepo(db).find(after ? { _id: _.gt(after) } : {}, { orderBy: [['_id', 'asc']], limit: MAX_GET });
    for (const c of page) {
      const keys = compoundNameKeys(c.name);
      if (c.nameKeys && c.nameKeys.join('\u0000') === keys.join('\u0000')) continue;
      await compoundsRepo(db).patch(c._id, { nameKeys: _.set(keys) });
      updated++;
    }
    if (page.length < MAX_GET) return updated;
    after = page[page.length - 1]._id;
  }
}
