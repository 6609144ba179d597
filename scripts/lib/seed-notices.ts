/**
 * Notices demo data: a few published notices with reads and 已当面告知 (so 阅读情况,
 * 未读住户 and 我发布的 show real progress), and subscribe-message grants for some
 * residents (so 一键提醒 reaches people and the demo outbox, GET /api/_demo/outbox,
 * shows reminders arriving). Deterministic: the same homes read every run.
 */
import type { Database } from '../../cloudfunctions/_shared/database';
import type { NoticeDoc, NoticeHomeReadDoc, NoticeReadDoc } from '../../cloudfunctions/notices/docs';
import type { SubscriptionDoc } from '../../cloudfunctions/_shared/messaging';
import { NOTICE_TEMPLATE_ID } from '../../core/notices/contract';
import { noticeKeys, type NoticeCategory, type NoticeTarget } from '../../core/notices/rules';
import type { RoleName } from '../../core/platform/roles';
import type { FeatureSeed } from './seed-features';
import { COMMUNITY_ID, demoOpenid, type SeedData } from './seed-data';

/** Named residents who granted reminders (the elderly 陈阿婆 did not: the lead tells her in person). */
export const DEMO_GRANTED = ['txsj-resident-3b', 'txsj-resident-5', 'yjlt-resident-5', 'txsj-shop'];

interface DemoNotice {
  id: string;
  author: string;
  role: RoleName;
  targets: { compoundId: string; buildings?: number[] };
  title: string;
  body: string;
  category: NoticeCategory;
  pinned?: boolean;
  hoursAgo: number;
  /** Share of homes whose resident opened it (deterministic pick). */
  readShare: number;
  /** Homes told in person. */
  told: number;
}

const NOTICES: DemoNotice[] = [
  {
    id: 'n-demo-lift-3',
    author: 'txsj-lead-3',
    role: 'buildingLead',
    targets: { compoundId: 'txsj', buildings: [3] },
    title: '3栋电梯本周六年检，请错峰出行',
    body: '各位邻居：本周六上午9点至12点，3栋两部电梯进行年度检验，期间电梯停用。行动不便的老人请提前安排，需要帮忙的请联系楼栋长李秀英。谢谢大家配合！',
    category: '通知',
    hoursAgo: 20,
    readShare: 0.45,
    told: 3,
  },
  {
    id: 'n-demo-meeting',
    author: 'txsj-committee',
    role: 'committeeMember',
    targets: { compoundId: 'txsj' },
    title: '关于召开2026年度业主大会的通知',
    body: '全体业主：业委会定于下月第一个周日下午2点在小区活动中心召开年度业主大会，议题包括公共收益公示、外墙维修方案和下一年度物业服务。请各位业主准时参加，不能到场的可委托家人。',
    category: '通知',
    pinned: true,
    hoursAgo: 50,
    readShare: 0.3,
    told: 0,
  },
  {
    id: 'n-demo-water-5',
    author: 'txsj-lead-5',
    role: 'buildingLead',
    targets: { compoundId: 'txsj', buildings: [5, 6] },
    title: '今晚5栋、6栋水管抢修停水',
    body: '今晚8点至11点，5栋、6栋供水主管抢修，期间停水。请提前储水，抢修完成后放水几分钟再使用。',
    category: '紧急',
    hoursAgo: 3,
    readShare: 0.2,
    told: 0,
  },
  {
    id: 'n-demo-yjlt-clean',
    author: 'yjlt-lead-3',
    role: 'buildingLead',
    targets: { compoundId: 'yjlt', buildings: [3, 4] },
    title: '周末楼道大扫除，请清理楼道杂物',
    body: '本周日上午物业将对3栋、4栋楼道进行大扫除，请各家在周六晚前把楼道里的鞋柜、纸箱等杂物搬回家中。',
    category: '活动',
    hoursAgo: 30,
    readShare: 0.35,
    told: 1,
  },
];

/** A stable pseudo-random pick of a share of a list. */
function pick<T>(list: T[], share: number, salt: number): T[] {
  return list.filter((_, i) => ((i * 2654435761 + salt * 97) >>> 0) % 1000 < share * 1000);
}

export const noticesSeed: FeatureSeed = {
  name: 'notices',
  async write(db: Database, base: SeedData, now: Date) {
    const counts = { notices: 0, noticeReads: 0, noticeHomeReads: 0, subscriptions: 0 };
    const personByKey = (key: string) => base.people.find((p) => p.openid === demoOpenid(key));

    // Grants: the named residents above and about a third of the generated ones, two reminders each.
    const granted = new Set(DEMO_GRANTED.map((k) => personByKey(k)?._id).filter(Boolean) as string[]);
    for (const p of pick(
      base.people.filter((x) => x._id.startsWith('p-gen-')),
      0.33,
      7,
    ))
      granted.add(p._id);
    for (const p of base.people.filter((x) => granted.has(x._id))) {
      const doc: SubscriptionDoc = {
        _id: `${p.openid}_${NOTICE_TEMPLATE_ID}`,
        openid: p.openid,
        personId: p._id,
        templateId: NOTICE_TEMPLATE_ID,
        remaining: 2,
        updatedAt: now,
      };
      await db.collection('subscriptions').add({ data: doc });
      counts.subscriptions++;
    }

    for (const [i, d] of NOTICES.entries()) {
      const author = personByKey(d.author);
      const compound = base.compounds.find((c) => c._id === d.targets.compoundId);
      if (!author || !compound) continue;
      const buildings = base.buildings
        .filter((b) => b.compoundId === compound._id && (!d.targets.buildings || d.targets.buildings.includes(b.no)))
        .sort((x, y) => x.no - y.no);
      const targets: NoticeTarget[] = d.targets.buildings
        ? buildings.map((b) => ({ kind: 'building', communityId: COMMUNITY_ID, compoundId: compound._id, buildingId: b._id }))
        : [{ kind: 'compound', communityId: COMMUNITY_ID, compoundId: compound._id }];
      const at = new Date(now.getTime() - d.hoursAgo * 3600_000);
      const notice: NoticeDoc = {
        _id: d.id,
        rootId: d.id,
        version: 1,
        status: 'published',
        title: d.title,
        body: d.body,
        images: [],
        category: d.category,
        pinned: !!d.pinned,
        expiresAt: null,
        visibleUntil: new Date('9999-12-31T00:00:00Z'),
        targets,
        targetsLabel: d.targets.buildings ? `${compound.name} ${buildings.map((b) => b.name).join('、')}` : `${compound.name} 全体`,
        targetKeys: noticeKeys(targets),
        buildings: buildings.map((b) => ({
          id: b._id,
          communityId: b.communityId,
          compoundId: b.compoundId,
          name: b.name,
          no: b.no,
          homeCount: b.homeCount,
        })),
        authorId: author._id,
        authorName: author.name,
        authorRole: d.role,
        partyBadge: author.partyMember && author.showPartyBadge,
        media: [],
        mediaTraceIds: [],
        readFromVersion: 1,
        clientRequestId: `seed-${d.id}`,
        createdAt: at,
        publishedAt: at,
      };
      await db.collection('notices').add({ data: notice });
      counts.notices++;

      const inBuildings = new Set(buildings.map((b) => b._id));
      const members = base.memberships.filter((m) => m.status === 'active' && inBuildings.has(m.buildingId) && m.personId !== author._id);
      // Named residents stay unread so the demo can show them reading and being reminded.
      const named = new Set(base.people.filter((p) => !p._id.startsWith('p-gen-')).map((p) => p._id));
      const readers = pick(
        members.filter((m) => !named.has(m.personId)),
        d.readShare,
        i + 1,
      );
      const homeDocs = new Map<string, NoticeHomeReadDoc>();
      for (const m of readers) {
        const read: NoticeReadDoc = { _id: `${d.id}_${m.personId}`, rootId: d.id, noticeId: d.id, version: 1, personId: m.personId, at };
        await db.collection('noticeReads').add({ data: read });
        counts.noticeReads++;
        if (!homeDocs.has(m.homeId)) {
          homeDocs.set(m.homeId, {
            _id: `${d.id}_${m.homeId}`,
            rootId: d.id,
            homeId: m.homeId,
            buildingId: m.buildingId,
            compoundId: compound._id,
            app: true,
            appVersion: 1,
            appAt: at,
            appBy: m.personId,
            told: false,
            toldVersion: 0,
          });
        }
      }
      // The author's own homes know it.
      for (const m of base.memberships.filter((x) => x.personId === author._id && inBuildings.has(x.buildingId))) {
        const cur = homeDocs.get(m.homeId);
        homeDocs.set(
          m.homeId,
          cur
            ? { ...cur, author: true }
            : {
                _id: `${d.id}_${m.homeId}`,
                rootId: d.id,
                homeId: m.homeId,
                buildingId: m.buildingId,
                compoundId: compound._id,
                app: false,
                appVersion: 0,
                told: false,
                toldVersion: 0,
                author: true,
              },
        );
      }
      // Homes without an app user, told in person by the lead (the first rooms of the first building).
      const bound = new Set(base.memberships.map((m) => m.homeId));
      const unbound = base.homes
        .filter((h) => h.buildingId === buildings[0]?._id && !bound.has(h._id) && !homeDocs.has(h._id))
        .slice(0, d.told);
      for (const h of unbound) {
        homeDocs.set(h._id, {
          _id: `${d.id}_${h._id}`,
          rootId: d.id,
          homeId: h._id,
          buildingId: h.buildingId,
          compoundId: compound._id,
          app: false,
          appVersion: 0,
          told: true,
          toldVersion: 1,
          toldAt: at,
          toldBy: author._id,
        });
      }
      for (const doc of homeDocs.values()) {
        await db.collection('noticeHomeReads').add({ data: doc });
        counts.noticeHomeReads++;
      }
    }
    return counts;
  },
};
