/**
 * Check-in, check-out and hours. The organiser shows the day's code (a mini-program
 * code in production, an SVG locally); a volunteer scans or types it, or the
 * organiser ticks the name. Hours run from check-in to check-out, capped by the
 * activity's length; a correction is audited (who, why, before, after) in the same
 * transaction that changes them.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { ActivityDetail, CheckinCode, ExportResult } from '../../core/activities/contract';
import { checkInOpen, creditedMinutes, formatMinutes, placeOf } from '../../core/activities/rules';
import { AppError } from '../../core/platform/errors';
import { formatDate, formatDateTime, periodOf } from '../../core/platform/time';
import { exportPath, privateExport } from '../_shared/files';
import { transaction } from '../_shared/repo';
import type { Ctx } from '../_shared/router';
import { detail, loadManaged, loadVisible, mustPerson } from './common';
import { activityLists, hourCorrections, signupId, signups, volunteerHours, type ActivityDoc, type HoursDoc, type SignupDoc } from './docs';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** The code for an activity on a Shanghai day: HMAC of the activity's own secret, 8 characters. */
export function dayCode(a: Pick<ActivityDoc, '_id' | 'checkinSecret'>, at: Date): string {
  const mac = createHmac('sha256', a.checkinSecret)
    .update(`${a._id}\n${formatDate(at)}`)
    .digest();
  return Array.from(mac.subarray(0, 8), (b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** A QR-like picture of the code for the local demo (not a real QR code: the code is printed under it). */
export function codeSvg(code: string): string {
  const n = 21;
  const bits = createHash('sha256').update(code).digest();
  const cells: string[] = [];
  const finder = (x: number, y: number) => x < 7 && y < 7;
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const inFinder = finder(x, y) || finder(n - 1 - x, y) || finder(x, n - 1 - y);
      let on: boolean;
      if (inFinder) {
        const fx = x < 7 ? x : n - 1 - x;
        const fy = y < 7 ? y : n - 1 - y;
        const d = Math.max(Math.abs(fx - 3), Math.abs(fy - 3));
        on = d !== 2;
      } else {
        const i = y * n + x;
        on = ((bits[i % 32] >> (i % 8)) & 1) === 1;
      }
      if (on) cells.push(`<rect x="${x + 2}" y="${y + 2}" width="1" height="1"/>`);
    }
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n + 4} ${n + 9}" width="250" height="300" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><g fill="#111">${cells.join('')}</g><text x="${(n + 4) / 2}" y="${n + 7}" font-size="3" text-anchor="middle" font-family="monospace" fill="#111">${code}</text></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

export async function checkinCode(ctx: Ctx, input: { activityId: string }): Promise<CheckinCode> {
  const { a } = await loadManaged(ctx, input.activityId);
  if (a.status !== 'open') throw new AppError('BAD_REQUEST', '活动已取消');
  const code = dayCode(a, ctx.now);
  const scene = `${a._id}-${code}`; // ≤ 32 characters
  const wxacode = (ctx.cloud.openapi as unknown as { wxacode?: { getUnlimited?: (o: object) => Promise<{ buffer?: Buffer }> } }).wxacode;
  if (wxacode?.getUnlimited) {
    try {
      const res = await wxacode.getUnlimited({ scene, page: 'packages/activities/pages/detail/index', checkPath: false, width: 430 });
      if (res.buffer) {
        const up = await ctx.cloud.uploadFile({
          cloudPath: exportPath(ctx.openid, `${a._id}-checkin.png`, randomBytes(16).toString('hex')),
          fileContent: res.buffer,
        });
        const urls = (await ctx.cloud.getTempFileURL({ fileList: [{ fileID: up.fileID, maxAge: 3600 }] })) as {
          fileList: { tempFileURL: string }[];
        };
        return { activityId: a._id, code, imageUrl: urls.fileList[0].tempFileURL, kind: 'wxacode' };
      }
    } catch (e) {
      console.warn('[wxacode] falling back to the printed code', (e as Error)?.message);
    }
  }
  return { activityId: a._id, code, imageUrl: codeSvg(code), kind: 'svg' };
}

function confirmedOn(a: ActivityDoc, list: { queues: Record<string, string[]> }, personId: string): boolean {
  return a.slots.some((s) => placeOf(list.queues[s.key] ?? [], s.capacity, personId)?.status === 'confirmed');
}

function hoursDoc(a: ActivityDoc, s: SignupDoc, minutes: number, corrected: boolean, now: Date): Omit<HoursDoc, '_id'> {
  const period = periodOf(a.startAt);
  return {
    personId: s.personId,
    name: s.name,
    partyBadge: s.partyBadge,
    activityId: a._id,
    title: a.title,
    communityId: a.communityId,
    compoundId: a.compoundId,
    buildingId: s.buildingId,
    period,
    year: period.slice(0, 4),
    minutes,
    corrected,
    updatedAt: now,
  };
}

async function doCheckIn(ctx: Ctx, a: ActivityDoc, personId: string) {
  if (a.status !== 'open') throw new AppError('BAD_REQUEST', '活动已取消');
  const list = await activityLists(ctx.db).must(a._id);
  if (!confirmedOn(a, list, personId)) throw new AppError('NOT_FOUND', '名单上没有这位已报名的志愿者');
  if (!checkInOpen({ startAt: +new Date(a.startAt), endAt: +new Date(a.endAt) }, ctx.now.getTime()))
    throw new AppError('BAD_REQUEST', '不在签到时间内（活动开始前1小时起）');
  // The first check-in counts; a second tap changes nothing.
  await signups(ctx.db).patchWhere({ _id: signupId(a._id, personId), checkedInAt: null }, { checkedInAt: ctx.now, updatedAt: ctx.now });
}

async function doCheckOut(ctx: Ctx, a: ActivityDoc, personId: string) {
  const id = signupId(a._id, personId);
  await transaction(ctx.db, async (tx) => {
    const s = await signups(ctx.db).in(tx).get(id);
    if (!s || s.status === 'cancelled') throw new AppError('NOT_FOUND', '名单上没有这位已报名的志愿者');
    if (!s.checkedInAt) throw new AppError('BAD_REQUEST', '还没有签到，不能签退');
    if (s.checkedOutAt) return;
    const minutes = s.corrected && typeof s.minutes === 'number' ? s.minutes : creditedMinutes(s.checkedInAt, ctx.now, a.startAt, a.endAt);
    await signups(ctx.db).in(tx).patch(id, { checkedOutAt: ctx.now, minutes, updatedAt: ctx.now });
    await volunteerHours(ctx.db)
      .in(tx)
      .put(id, hoursDoc(a, s, minutes, !!s.corrected, ctx.now));
  });
}

export async function checkIn(ctx: Ctx, input: { activityId: string; code: string }): Promise<ActivityDetail> {
  const { actor, a } = await loadVisible(ctx, input.activityId);
  const person = await mustPerson(ctx, actor);
  if (input.code.toUpperCase() !== dayCode(a, ctx.now)) throw new AppError('BAD_REQUEST', '签到码不对，请扫描组织者出示的今天的签到码');
  await doCheckIn(ctx, a, person._id);
  return detail(ctx, actor, a);
}

export async function checkOut(ctx: Ctx, input: { activityId: string }): Promise<ActivityDetail> {
  const { actor, a } = await loadVisible(ctx, input.activityId);
  const person = await mustPerson(ctx, actor);
  await doCheckOut(ctx, a, person._id);
  return detail(ctx, actor, a);
}

export async function mark(ctx: Ctx, input: { activityId: string; personId: string; what: 'in' | 'out' }): Promise<ActivityDetail> {
  const { actor, a } = await loadManaged(ctx, input.activityId);
  if (input.what === 'in') await doCheckIn(ctx, a, input.personId);
  else await doCheckOut(ctx, a, input.personId);
  return detail(ctx, actor, a);
}

export async function correctHours(
  ctx: Ctx,
  input: { activityId: string; personId: string; minutes: number; reason: string },
): Promise<ActivityDetail> {
  const { actor, a } = await loadManaged(ctx, input.activityId);
  const me = await mustPerson(ctx, actor);
  if (input.personId === me._id) throw new AppError('SELF_DECISION', '不能更正自己的时长，请请其他组织者更正');
  const length = Math.floor((+new Date(a.endAt) - +new Date(a.startAt)) / 60_000);
  if (input.minutes > length) throw new AppError('BAD_REQUEST', `时长不能超过活动时长（${formatMinutes(length)}）`);
  const list = await activityLists(ctx.db).must(a._id);
  if (!confirmedOn(a, list, input.personId)) throw new AppError('NOT_FOUND', '名单上没有这位已报名的志愿者');
  const id = signupId(a._id, input.personId);
  const auditId = `${id}_${ctx.now.getTime()}_${randomBytes(3).toString('hex')}`;
  await transaction(ctx.db, async (tx) => {
    const s = await signups(ctx.db).in(tx).must(id);
    await signups(ctx.db).in(tx).patch(id, { minutes: input.minutes, corrected: true, updatedAt: ctx.now });
    await volunteerHours(ctx.db)
      .in(tx)
      .put(id, hoursDoc(a, s, input.minutes, true, ctx.now));
    await hourCorrections(ctx.db)
      .in(tx)
      .put(auditId, {
        signupId: id,
        activityId: a._id,
        personId: input.personId,
        by: me._id,
        byName: me.name,
        before: typeof s.minutes === 'number' ? s.minutes : null,
        after: input.minutes,
        reason: input.reason,
        at: ctx.now,
      });
  });
  return detail(ctx, actor, a);
}

export async function exportSignups(ctx: Ctx, input: { activityId: string }): Promise<ExportResult> {
  const { a } = await loadManaged(ctx, input.activityId);
  const list = await activityLists(ctx.db).must(a._id);
  const rows = await signups(ctx.db).byIds(list.members.map((p) => signupId(a._id, p)));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('报名名单');
  ws.addRow([a.title]);
  ws.addRow([`时间：${formatDateTime(a.startAt)} 至 ${formatDateTime(a.endAt)}　地点：${a.place}`]);
  ws.addRow(['序号', '岗位', '状态', '姓名', '党员', '楼栋', '手机', '签到', '签退', '时长（分钟）', '已更正']);
  for (const s of a.slots) {
    (list.queues[s.key] ?? []).forEach((pid, i) => {
      const d = rows.get(signupId(a._id, pid));
      ws.addRow([
        i + 1,
        s.name,
        i < s.capacity ? '已报名' : '候补',
        d?.name ?? '',
        d?.partyBadge ? '是' : '',
        d?.buildingName ?? '',
        d?.phone ?? '',
        d?.checkedInAt ? formatDateTime(d.checkedInAt) : '',
        d?.checkedOutAt ? formatDateTime(d.checkedOutAt) : '',
        typeof d?.minutes === 'number' ? d.minutes : '',
        d?.corrected ? '是' : '',
      ]);
    });
  }
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  const fileName = `${a.title.replace(/[\\/:*?"<>|]/g, '')}-报名名单-${formatDate(ctx.now)}.xlsx`;
  return privateExport(ctx, fileName, buffer);
}
