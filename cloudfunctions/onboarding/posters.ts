/**
 * Building posters: one mini-program code per building (wxacode.getUnlimited, the
 * building in `scene`, the bind page as `page`), made once and kept in storage —
 * such codes never expire — then handed out as short-lived links for the A4 page.
 * The poster names who approves by role, never by name: it hangs in the stairwell.
 */
import type { PosterSheet, PosterView } from '../../core/onboarding/contract';
import { posterLines } from '../../core/onboarding/rules';
import { buildingScene, SCAN_PAGES } from '../../core/platform/links';
import { buildings as buildingsRepo, communities, roles } from '../_shared/directory';
import { reachMilestone } from '../_shared/milestones';
import type { Ctx } from '../_shared/router';
import { guideCompound } from './guide';
import { posters, type PosterDoc } from './docs';

/** A poster link lives this long (seconds): long enough to print. */
const POSTER_URL_MAX_AGE = 1800;

interface CodeImage {
  contentType: string;
  buffer: Buffer;
}

async function makeCode(ctx: Ctx, compoundId: string, buildingId: string): Promise<PosterDoc> {
  const scene = buildingScene(buildingId);
  const page = SCAN_PAGES.bindBuilding;
  // checkPath: the page must exist in the released version (errCode 41030 otherwise).
  const img = (await ctx.cloud.openapi.wxacode.getUnlimited({
    scene,
    page,
    checkPath: true,
    envVersion: 'release',
    width: 430,
  })) as unknown as CodeImage;
  // Production answers image/jpeg; keep whatever type came back.
  const ext = /png/.test(img.contentType) ? 'png' : 'jpg';
  const up = await ctx.cloud.uploadFile({ cloudPath: `posters/${compoundId}/${buildingId}.${ext}`, fileContent: img.buffer });
  const doc: PosterDoc = { _id: buildingId, compoundId, buildingId, scene, page, fileID: up.fileID, createdAt: ctx.now };
  await posters(ctx.db).put(buildingId, { compoundId, buildingId, scene, page, fileID: up.fileID, createdAt: ctx.now });
  return doc;
}

export async function listPosters(ctx: Ctx, input: { compoundId: string }): Promise<PosterSheet> {
  const actor = await ctx.actor();
  const compound = await guideCompound(ctx, actor, input.compoundId);
  const [buildings, community, made, leads, committee] = await Promise.all([
    buildingsRepo(ctx.db).find({ compoundId: compound._id }, { orderBy: [['no', 'asc']], limit: 1000 }),
    communities(ctx.db).must(compound.communityId),
    posters(ctx.db).find({ compoundId: compound._id }, { limit: 1000 }),
    roles(ctx.db).find({ compoundId: compound._id, role: 'buildingLead' }, { limit: 1000 }),
    roles(ctx.db).first({ compoundId: compound._id, role: 'committeeMember' }),
  ]);
  const byBuilding = new Map(made.map((p) => [p.buildingId, p]));
  const led = new Set(leads.flatMap((r) => r.buildingIds ?? []));
  // Codes are made one after another: getUnlimited is rate-limited per minute, and a compound has tens of buildings.
  for (const b of buildings) if (!byBuilding.has(b._id)) byBuilding.set(b._id, await makeCode(ctx, compound._id, b._id));
  const fileIDs = buildings.map((b) => byBuilding.get(b._id)!.fileID);
  const urls = new Map<string, string>();
  for (let i = 0; i < fileIDs.length; i += 50) {
    const res = (await ctx.cloud.getTempFileURL({
      fileList: fileIDs.slice(i, i + 50).map((fileID) => ({ fileID, maxAge: POSTER_URL_MAX_AGE })),
    })) as { fileList: { fileID: string; tempFileURL: string }[] };
    for (const f of res.fileList) urls.set(f.fileID, f.tempFileURL);
  }
  const fallback = committee ? '业委会' : '社区工作人员';
  const items: PosterView[] = buildings.map((b) => ({
    buildingId: b._id,
    buildingName: b.name,
    codeUrl: urls.get(byBuilding.get(b._id)!.fileID) ?? '',
    ...posterLines(b.name, led.has(b._id), fallback),
  }));
  return { compoundId: compound._id, compoundName: compound.name, communityName: community.name, posters: items };
}

export async function postersPrinted(ctx: Ctx, input: { compoundId: string }) {
  const actor = await ctx.actor();
  const compound = await guideCompound(ctx, actor, input.compoundId);
  await reachMilestone(ctx.db, compound._id, 'posters', ctx.now);
  return { compoundId: compound._id };
}
