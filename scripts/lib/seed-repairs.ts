/**
 * Repairs demo data: a staff member for 御家兰庭 (钱师傅), and about four months of
 * repairs at both compounds in every state, with photos (small generated PNGs
 * uploaded into storage under the reporter's own folder when an emulator is
 * running), ratings, costs, overdue items, and a common-area lift repair at
 * 御家兰庭 1栋 that neighbours follow (我也遇到). Dates are relative to `now`.
 */
import { deflateSync } from 'node:zlib';
import { current } from '../../emulator';
import type { Database } from '../../cloudfunctions/_shared/database';
import type { RepairDoc, RepairEvent, RepairFollowerDoc } from '../../cloudfunctions/repairs/docs';
import { FOREVER } from '../../cloudfunctions/repairs/docs';
import {
  COMMON_AREA_LABELS,
  REPAIR_CATEGORIES,
  currentDue,
  deadlines,
  inQueue,
  onBoard,
  type CommonArea,
  type RepairCategory,
  type RepairStatus,
} from '../../core/repairs/rules';
import { periodOf } from '../../core/platform/time';
import type { FeatureSeed } from './seed-features';
import { COMMUNITY_ID, YJLT, TXSJ, demoOpenid, type SeedData } from './seed-data';

export const YJLT_STAFF = { _id: 'p-yjlt-staff', key: 'yjlt-staff', name: '钱国华' };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------- tiny PNGs

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/** A 48×36 PNG: a coloured field with a darker stripe (a "photo" of a pipe, a wall …). */
export function demoPng(rgb: [number, number, number], stripe = 12): Buffer {
  const w = 48;
  const h = 36;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const dark = Math.abs(y - stripe) < 4 || Math.abs(x - 30) < 2;
      const o = y * (w * 3 + 1) + 1 + x * 3;
      raw[o] = dark ? rgb[0] >> 1 : rgb[0];
      raw[o + 1] = dark ? rgb[1] >> 1 : rgb[1];
      raw[o + 2] = dark ? rgb[2] >> 1 : rgb[2];
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Upload as the person (their own folder), when an emulator runs; [] otherwise. */
async function upload(openid: string, name: string, rgb: [number, number, number], stripe: number): Promise<string[]> {
  const emu = current();
  if (!emu) return [];
  const cloudPath = `u/${openid}/repairs/seed-${name}.png`;
  const up = (await emu.runAs({ openid, source: 'wx_client' }, () =>
    emu.sdk.uploadFile({ cloudPath, fileContent: demoPng(rgb, stripe) }),
  )) as { fileID: string };
  return [up.fileID];
}

// ---------------------------------------------------------------- the repairs

const DESCRIPTIONS: Record<RepairCategory, string[]> = {
  水管漏水: ['厨房水槽下面的水管一直滴水，地上湿了一片', '卫生间进水阀漏水，关不紧', '阳台水管接头渗水'],
  下水堵塞: ['卫生间地漏堵了，洗澡水下不去', '厨房下水很慢，有异味'],
  电路照明: ['客厅插座没电，空开跳了推不上去', '楼道灯不亮，晚上看不清台阶', '门口的灯一闪一闪'],
  电梯: ['电梯运行时有异响，偶尔停顿', '电梯按钮失灵，按了不亮'],
  门窗门禁: ['单元门门禁刷卡没反应', '卧室窗户关不严，漏风', '入户门锁不好开'],
  墙面渗水: ['下雨后次卧墙角渗水发霉', '卫生间天花板有水渍'],
  公共设施: ['小区健身器材螺丝松动，有安全隐患', '车棚充电桩不能充电', '绿化带喷淋头坏了一直喷水'],
  其他: ['楼下有共享单车堵住消防通道', '信报箱的门掉了'],
};
const COLORS: [number, number, number][] = [
  [96, 140, 200],
  [180, 160, 120],
  [120, 170, 120],
  [200, 120, 100],
  [150, 150, 170],
];

interface Who {
  personId: string;
  openid: string;
  name: string;
  homeId: string;
  homeLabel: string;
  buildingId: string;
}

export const repairsSeed: FeatureSeed = {
  name: 'repairs',
  async write(db: Database, base: SeedData, now: Date) {
    // 御家兰庭's repair staff member (the directory belongs to accounts; the demo adds one person and role).
    await db.collection('people').add({
      data: {
        _id: YJLT_STAFF._id,
        openid: demoOpenid(YJLT_STAFF.key),
        name: YJLT_STAFF.name,
        phone: '13950001234',
        partyMember: false,
        showPartyBadge: false,
        createdAt: new Date('2026-09-01T02:00:00Z'),
      },
    });
    await db.collection('roles').add({
      data: {
        _id: `r-${YJLT_STAFF.key}-staff`,
        personId: YJLT_STAFF._id,
        role: 'staff',
        communityId: COMMUNITY_ID,
        compoundId: YJLT,
        grantedBy: 'p-yjlt-manager',
        createdAt: new Date('2026-09-01T02:00:00Z'),
      },
    });

    const personById = new Map(base.people.map((p) => [p._id, p]));
    const homeById = new Map(base.homes.map((h) => [h._id, h]));
    const residents = (compoundId: string): Who[] =>
      base.memberships
        .filter((m) => m.compoundId === compoundId && m.status === 'active')
        .slice(0, 120)
        .map((m) => ({
          personId: m.personId,
          openid: personById.get(m.personId)!.openid,
          name: personById.get(m.personId)!.name,
          homeId: m.homeId,
          homeLabel: homeById.get(m.homeId)!.label,
          buildingId: m.buildingId,
        }));
    const named = (key: string): Who => {
      const m = base.memberships.find((x) => x.personId === `p-${key}`)!;
      const p = personById.get(m.personId)!;
      return {
        personId: p._id,
        openid: p.openid,
        name: p.name,
        homeId: m.homeId,
        homeLabel: homeById.get(m.homeId)!.label,
        buildingId: m.buildingId,
      };
    };
    const compoundName: Record<string, string> = { [TXSJ]: '天翔世家', [YJLT]: '御家兰庭' };
    const manager: Record<string, { id: string; name: string }> = {
      [TXSJ]: { id: 'p-txsj-manager', name: '刘洋' },
      [YJLT]: { id: 'p-yjlt-manager', name: '孙志刚' },
    };
    const staff: Record<string, { id: string; name: string }> = {
      [TXSJ]: { id: 'p-txsj-staff', name: '赵强' },
      [YJLT]: { id: YJLT_STAFF._id, name: YJLT_STAFF.name },
    };

    const docs: RepairDoc[] = [];
    const followers: RepairFollowerDoc[] = [];
    let n = 0;

    async function make(o: {
      compoundId: string;
      who: Who;
      common?: { area: CommonArea; buildingId?: string; buildingName?: string; place?: string };
      category: RepairCategory;
      description: string;
      urgent?: boolean;
      status: RepairStatus;
      at: Date;
      /** Hours to accept and to finish (the demo's pace). */
      acceptH: number;
      finishH: number;
      rating?: number;
      comment?: string;
      labourFen?: number;
      materialsFen?: number;
      photo?: boolean;
      /** Logged by the property office for the home (a phone call), not reported by the resident. */
      loggedBy?: { id: string; name: string; source: 'phone' | 'walkIn' };
    }): Promise<RepairDoc> {
      const id = `r-seed-${String(++n).padStart(3, '0')}`;
      const c = o.compoundId;
      const mgr = manager[c];
      const st = staff[c];
      const photos = o.photo ? await upload(o.who.openid, `${id}-before`, COLORS[n % COLORS.length], 8 + (n % 20)) : [];
      const afterPhotos =
        o.photo && ['done', 'confirmed', 'closed'].includes(o.status)
          ? await upload(demoOpenid(c === TXSJ ? 'txsj-staff' : YJLT_STAFF.key), `${id}-after`, [110, 190, 130], 18)
          : [];
      const { acceptDueAt, finishDueAt } = deadlines(o.category, !!o.urgent, o.at);
      const acceptedAt = ['submitted'].includes(o.status) ? null : new Date(o.at.getTime() + o.acceptH * HOUR);
      const reached = (s: RepairStatus[]) => s.includes(o.status);
      const assigned = reached(['assigned', 'inProgress', 'done', 'confirmed', 'closed', 'reopened']);
      const started = reached(['inProgress', 'done', 'confirmed', 'closed', 'reopened']);
      const finished = reached(['done', 'confirmed', 'closed', 'reopened']);
      const doneAt = reached(['done', 'confirmed', 'closed']) ? new Date(o.at.getTime() + o.finishH * HOUR) : null;
      const ev = (
        action: RepairEvent['action'],
        at: Date,
        by: { id: string; name: string },
        role: string,
        extra: Partial<RepairEvent> = {},
      ): RepairEvent => ({ action, by: by.id, byName: by.name, byRole: role, at, photos: [], ...extra });
      const events: RepairEvent[] = [
        o.loggedBy
          ? ev('log', o.at, o.loggedBy, '物业经理', { photos, note: o.loggedBy.source === 'phone' ? '电话报修' : '上门报修' })
          : ev('report', o.at, { id: o.who.personId, name: o.who.name }, '住户', { photos }),
      ];
      if (o.status === 'cancelled')
        events.push(
          ev('cancel', new Date(o.at.getTime() + HOUR), { id: o.who.personId, name: o.who.name }, '住户', { note: '自己修好了' }),
        );
      if (acceptedAt && o.status !== 'cancelled') events.push(ev('accept', acceptedAt, mgr, '物业经理'));
      if (assigned)
        events.push(
          ev('assign', new Date(acceptedAt!.getTime() + HOUR / 2), mgr, '物业经理', { assigneeId: st.id, assigneeName: st.name }),
        );
      if (started) events.push(ev('start', new Date(acceptedAt!.getTime() + 2 * HOUR), st, '物业员工', { note: '已上门查看' }));
      if (finished)
        events.push(
          ev('finish', new Date(o.at.getTime() + o.finishH * HOUR), st, '物业员工', { note: '已更换配件，试用正常', photos: afterPhotos }),
        );
      if (o.status === 'reopened')
        events.push(
          ev('reopen', new Date(o.at.getTime() + (o.finishH + 20) * HOUR), { id: o.who.personId, name: o.who.name }, '住户', {
            note: '第二天又开始漏了',
          }),
        );
      if (o.status === 'confirmed')
        events.push(
          ev(
            'confirm',
            new Date(doneAt!.getTime() + 5 * HOUR),
            { id: o.who.personId, name: o.who.name },
            '住户',
            o.comment ? { note: o.comment } : {},
          ),
        );
      if (o.status === 'closed')
        events.push(
          ev('autoClose', new Date(doneAt!.getTime() + 7 * DAY), { id: 'system', name: '系统' }, '系统', {
            note: '完工7天未确认，自动完成',
          }),
        );
      const scope = o.common ? 'common' : 'home';
      const placeLabel = o.common
        ? [compoundName[c], o.common.buildingName ?? '', COMMON_AREA_LABELS[o.common.area], o.common.place ?? ''].filter(Boolean).join(' ')
        : `${compoundName[c]} ${o.who.homeLabel}`;
      const all = [...photos, ...afterPhotos];
      const doc: RepairDoc = {
        _id: id,
        clientRequestId: `seed-${id}`,
        communityId: COMMUNITY_ID,
        compoundId: c,
        compoundName: compoundName[c],
        buildingId: o.common ? (o.common.buildingId ?? null) : o.who.buildingId,
        homeId: o.common ? null : o.who.homeId,
        scope,
        area: o.common?.area ?? null,
        place: o.common?.place ?? null,
        placeLabel,
        category: o.category,
        description: o.description,
        photos,
        media: all.map((f, i) => ({ fileID: f, traceId: `seed-${id}-${i}`, status: 'pass' as const, label: 100 })),
        mediaTraceIds: [],
        urgent: !!o.urgent,
        source: o.loggedBy?.source ?? 'resident',
        reporterId: o.loggedBy?.id ?? o.who.personId,
        reporterName: o.loggedBy?.name ?? o.who.name,
        contactPhone: personById.get(o.who.personId)?.phone ?? null,
        ...(o.loggedBy ? { contactName: o.who.name } : {}),
        partyKeys: [`p:${o.loggedBy?.id ?? o.who.personId}`, ...(o.common ? [] : [`h:${o.who.homeId}`])],
        status: o.status,
        assigneeId: assigned ? st.id : null,
        assigneeName: assigned ? st.name : null,
        queueOpen: false,
        onBoard: false,
        acceptDueAt,
        finishDueAt,
        dueAt: FOREVER,
        acceptedAt: o.status === 'cancelled' ? null : acceptedAt,
        doneAt,
        closedAt: o.status === 'confirmed' || o.status === 'closed' || o.status === 'cancelled' ? events[events.length - 1].at : null,
        period: periodOf(o.at),
        followers: 0,
        lastUrgedAt: null,
        urges: 0,
        reopens: o.status === 'reopened' ? 1 : 0,
        rating: o.status === 'confirmed' ? (o.rating ?? 5) : null,
        comment: o.status === 'confirmed' ? (o.comment ?? null) : null,
        labourFen: finished ? (o.labourFen ?? 0) : 0,
        materialsFen: finished ? (o.materialsFen ?? 0) : 0,
        mergedIntoId: null,
        events,
        version: events.length,
        createdAt: o.at,
        updatedAt: events[events.length - 1].at,
      };
      doc.queueOpen = inQueue(doc.status) && !!doc.assigneeId;
      doc.onBoard = onBoard(doc.scope, doc.status);
      doc.dueAt = currentDue(doc) ?? FOREVER;
      docs.push(doc);
      return doc;
    }

    const FINAL: RepairStatus[] = ['confirmed', 'confirmed', 'confirmed', 'closed', 'confirmed', 'cancelled'];
    const LIVE: RepairStatus[] = ['submitted', 'accepted', 'assigned', 'inProgress', 'done', 'reopened'];
    for (const c of [TXSJ, YJLT]) {
      const rand = rng(c === TXSJ ? 11 : 29);
      const people = residents(c);
      // ~4 months of history, mostly closed, a few slow ones (overdue), ratings mostly good.
      for (let i = 0; i < 36; i++) {
        const who = people[Math.floor(rand() * people.length)];
        const category = REPAIR_CATEGORIES[Math.floor(rand() * REPAIR_CATEGORIES.length)];
        const descs = DESCRIPTIONS[category];
        const at = new Date(now.getTime() - (8 + rand() * 112) * DAY - rand() * 10 * HOUR);
        const slow = rand() < 0.2;
        await make({
          compoundId: c,
          who,
          category,
          description: descs[Math.floor(rand() * descs.length)],
          urgent: rand() < 0.15,
          status: FINAL[Math.floor(rand() * FINAL.length)],
          at,
          acceptH: slow ? 30 : 0.3 + rand() * 3,
          finishH: slow ? 200 : 3 + rand() * 40,
          rating: rand() < 0.7 ? 5 : rand() < 0.6 ? 4 : rand() < 0.5 ? 3 : 2,
          comment: rand() < 0.4 ? '师傅很耐心，修得很快' : undefined,
          labourFen: Math.round(rand() * 8) * 1000,
          materialsFen: Math.round(rand() * 60) * 100,
          photo: rand() < 0.5,
        });
      }
      // This week: every live state, some overdue.
      for (let i = 0; i < LIVE.length * 2; i++) {
        const who = people[Math.floor(rand() * people.length)];
        const category = REPAIR_CATEGORIES[Math.floor(rand() * REPAIR_CATEGORIES.length)];
        await make({
          compoundId: c,
          who,
          category,
          description: DESCRIPTIONS[category][0],
          urgent: i % 5 === 0,
          status: LIVE[i % LIVE.length],
          at: new Date(now.getTime() - (i < LIVE.length ? 0.1 + i * 0.4 : 2 + i * 0.6) * DAY),
          acceptH: 1,
          finishH: 20,
          photo: i % 2 === 0,
        });
      }
    }
    // Named people the demo walks through.
    await make({
      compoundId: TXSJ,
      who: named('txsj-resident-3'),
      category: '水管漏水',
      description: '卫生间洗手盆下水管漏水，已经用桶接着',
      status: 'done',
      at: new Date(now.getTime() - 2 * DAY),
      acceptH: 0.5,
      finishH: 26,
      labourFen: 3000,
      materialsFen: 1850,
      photo: true,
    });
    await make({
      compoundId: TXSJ,
      who: named('txsj-resident-5'),
      category: '电路照明',
      description: '5栋2单元楼道灯坏了三层，晚上黑乎乎的',
      status: 'submitted',
      at: new Date(now.getTime() - 30 * HOUR),
      acceptH: 1,
      finishH: 10,
      common: { area: 'building', buildingId: 'txsj-b5', buildingName: '5栋', place: '2单元楼道' },
    });
    await make({
      compoundId: YJLT,
      who: named('yjlt-resident-5'),
      category: '门窗门禁',
      description: '5栋单元门门禁刷卡没反应，老人进出不方便',
      status: 'assigned',
      at: new Date(now.getTime() - 20 * HOUR),
      acceptH: 1,
      finishH: 10,
      common: { area: 'gate', buildingId: 'yjlt-b5', buildingName: '5栋', place: '单元门' },
    });
    // A call to the property office, logged by 刘洋 for 吴晓峰's home: the home finds it under 我的报修.
    await make({
      compoundId: TXSJ,
      who: named('txsj-resident-3b'),
      category: '水管漏水',
      description: '电话报修：厨房水龙头关不紧，一直滴水',
      status: 'assigned',
      at: new Date(now.getTime() - 5 * HOUR),
      acceptH: 0.2,
      finishH: 10,
      loggedBy: { id: 'p-txsj-manager', name: '刘洋', source: 'phone' },
    });
    // The lift at 御家兰庭 1栋: one report, neighbours follow it.
    const lift = await make({
      compoundId: YJLT,
      who: residents(YJLT).find((w) => w.buildingId === 'yjlt-b1' && !w.personId.startsWith('p-yjlt-'))!,
      category: '电梯',
      description: '1栋1单元电梯运行时有很响的异响，到8楼附近会停顿一下，老人不敢坐',
      urgent: true,
      status: 'inProgress',
      at: new Date(now.getTime() - 26 * HOUR),
      acceptH: 0.5,
      finishH: 30,
      common: { area: 'lift', buildingId: 'yjlt-b1', buildingName: '1栋', place: '1单元电梯' },
      photo: true,
    });
    // Generated neighbours only: the named demo people (吴丽华, 郑国强 …) can still tap 我也遇到 themselves.
    const neighbours = residents(YJLT)
      .filter(
        (w) =>
          w.personId !== lift.reporterId && !w.personId.startsWith('p-yjlt-') && (w.buildingId === 'yjlt-b1' || w.buildingId === 'yjlt-b2'),
      )
      .slice(0, 6);
    for (const [i, w] of neighbours.entries())
      followers.push({
        _id: `${lift._id}_${w.personId}`,
        repairId: lift._id,
        personId: w.personId,
        at: new Date(lift.createdAt.getTime() + (i + 1) * HOUR),
      });
    lift.followers = neighbours.length;

    for (let i = 0; i < docs.length; i += 16)
      await Promise.all(docs.slice(i, i + 16).map((d) => db.collection('repairs').add({ data: d })));
    await Promise.all(followers.map((f) => db.collection('repairFollowers').add({ data: f })));
    return { repairs: docs.length, repairFollowers: followers.length };
  },
};
