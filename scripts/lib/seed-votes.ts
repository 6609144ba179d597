/**
 * Votes demo: 御家兰庭 renews its property company (open, part of the owners voted,
 * some on paper), a vote on charging piles that ended yesterday and waits to be
 * counted, and the committee election of three years ago (final). A few of its
 * homes are the developer's unsold ones (registered owner 开发商, one owner
 * together) and one owner holds three homes.
 */
import type { Database } from '../../cloudfunctions/_shared/database';
import type { HomeDoc } from '../../cloudfunctions/_shared/directory';
import type { BallotDoc, MatterDoc, RollDoc, TallyDoc } from '../../cloudfunctions/votes/docs';
import { ownerHash, rollId, sortKey } from '../../cloudfunctions/votes/common';
import { buildRoll, countVote, DEVELOPER_NAME, tallyBallots, type CastBallot, type MatterKind } from '../../core/votes/count';
import type { FeatureSeed } from './seed-features';
import { YJLT, demoOpenid, type SeedData } from './seed-data';

const DAY = 24 * 3600 * 1000;
const COMMITTEE = 'p-yjlt-committee';
/** Named people of 御家兰庭 who have NOT voted yet in the open vote (the demo and e2e vote as them). */
const NOT_YET = new Set(['p-yjlt-resident-5', 'p-yjlt-lead-3', 'p-yjlt-secretary', 'p-yjlt-committee']);

export const VOTES_DEMO = { renew: 'vm_demo_yjlt_renew', charging: 'vm_demo_yjlt_charging', election: 'vm_demo_yjlt_election' } as const;

interface Plan {
  id: string;
  title: string;
  description: string;
  kind: MatterKind;
  format: 'approval' | 'election';
  candidates: string[];
  seats: number;
  announcedAt: Date;
  opensAt: Date;
  closesAt: Date;
  status: MatterDoc['status'];
  /** Share of owners (of 20) who voted, and of those on paper. */
  voted: number;
  paper: number;
  choose(i: number): string[];
}

export const votesSeed: FeatureSeed = {
  name: 'votes',
  async write(db: Database, base: SeedData, now: Date) {
    const bound = new Set(base.memberships.map((m) => m.homeId));
    const homes: HomeDoc[] = base.homes
      .filter((h) => h.compoundId === YJLT)
      .map((h) => ({ ...h, registeredOwners: [...h.registeredOwners] }));
    // Six unsold walk-up flats in 7栋 still belong to the developer.
    const unbound = homes.filter((h) => !bound.has(h._id));
    const devHomes = unbound.filter((h) => h.buildingId === `${YJLT}-b7`).slice(0, 6);
    // One owner (a generated resident) also holds two flats in 6栋.
    const multiOwner = homes.find((h) => h.buildingId === `${YJLT}-b6` && bound.has(h._id))!;
    const extra = unbound.filter((h) => h.buildingId === `${YJLT}-b6`).slice(0, 2);
    for (const h of devHomes) h.registeredOwners = [{ name: DEVELOPER_NAME }];
    for (const h of extra) h.registeredOwners = [...multiOwner.registeredOwners];
    for (const h of [...devHomes, ...extra])
      await db
        .collection('homes')
        .doc(h._id)
        .update({ data: { registeredOwners: h.registeredOwners } });

    const byId = new Map(homes.map((h) => [h._id, h]));
    const entries = buildRoll(homes.map((h) => ({ homeId: h._id, label: h.label, areaCenti: h.areaCenti, owners: h.registeredOwners })));
    const ownerOf = new Map<string, string>(); // homeId → personId of a bound owner
    for (const m of base.memberships) if (m.relation === 'owner' && m.compoundId === YJLT) ownerOf.set(m.homeId, m.personId);
    const nameOf = new Map(base.people.map((p) => [p._id, p.name]));

    // Dates at sensible hours of a Shanghai day (announced 10:00, opens 09:00, closes 20:00), never the seed's own minute.
    const midnight = Math.floor((now.getTime() + 8 * 3600_000) / DAY) * DAY - 8 * 3600_000;
    const day = (offset: number, hour: number) => new Date(midnight + offset * DAY + hour * 3600_000);
    const plans: Plan[] = [
      {
        id: VOTES_DEMO.renew,
        title: '续聘嘉信物业为御家兰庭物业服务企业（2027—2029年）',
        description:
          '嘉信物业服务合同将于明年1月31日到期。业委会根据2026年满意度调查（满意率82%），提议按原收费标准（电梯楼1.2元/m²·月，步梯楼0.8元/m²·月）续聘三年。合同草案和满意度调查报告可到物业服务中心查阅。',
        kind: 4,
        format: 'approval',
        candidates: [],
        seats: 1,
        announcedAt: day(-20, 10),
        opensAt: day(-3, 9),
        closesAt: day(11, 20),
        status: 'announced',
        voted: 9,
        paper: 2,
        choose: (i) => [i % 9 === 0 ? 'reject' : i % 7 === 0 ? 'abstain' : 'approve'],
      },
      {
        id: VOTES_DEMO.charging,
        title: '在地下车库公共区域增设电动车充电桩并收取服务费',
        description:
          '拟由第三方在地下车库公共区域安装40个充电桩，服务费收益的70%计入公共收益。属于利用共有部分从事经营活动，须四分之三以上同意。',
        kind: 8,
        format: 'approval',
        candidates: [],
        seats: 1,
        announcedAt: day(-40, 10),
        opensAt: day(-22, 9),
        closesAt: day(-1, 20),
        status: 'announced',
        voted: 15,
        paper: 2,
        choose: (i) => [i % 6 === 0 ? 'reject' : 'approve'],
      },
      {
        id: VOTES_DEMO.election,
        title: '选举第三届业主委员会委员（5名）',
        description: '第二届业主委员会任期届满，选举第三届业主委员会委员5名，候选人7名。',
        kind: 3,
        format: 'election',
        candidates: ['吴丽华', '陈建国', '刘淑芬', '杨德胜', '赵海燕', '孙文斌', '马桂英'],
        seats: 5,
        announcedAt: day(-(3 * 365 + 40), 10),
        opensAt: day(-(3 * 365 + 22), 9),
        closesAt: day(-3 * 365, 20),
        status: 'final',
        voted: 16,
        paper: 4,
        choose: (i) => (i % 11 === 0 ? ['abstain'] : ['c1', 'c2', 'c3', i % 3 === 0 ? 'c6' : 'c4', i % 2 === 0 ? 'c5' : 'c7']),
      },
    ];

    const counts = { voteMatters: 0, voteRoll: 0, voteBallots: 0, voteTallies: 0 };
    for (const p of plans) {
      const rollDocs: RollDoc[] = entries.map((e) => {
        const hs = e.homeIds.map((id) => byId.get(id)!).sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
        const hash = ownerHash(e.key);
        return {
          _id: rollId(p.id, hash),
          matterId: p.id,
          compoundId: YJLT,
          ownerHash: hash,
          homeIds: hs.map((h) => h._id),
          homes: hs.map((h) => ({ homeId: h._id, label: h.label, buildingId: h.buildingId, areaCenti: h.areaCenti })),
          areaCenti: e.areaCenti,
          developer: e.developer,
          sort: sortKey(hs[0]),
          voted: false,
        };
      });
      const ballots: BallotDoc[] = [];
      const cast: CastBallot[] = [];
      rollDocs.forEach((r, i) => {
        const voter = r.homeIds.map((h) => ownerOf.get(h)).find((x) => !!x);
        if (voter && NOT_YET.has(voter) && p.id === VOTES_DEMO.renew) return;
        if (r.developer || (i * 7) % 20 >= p.voted) return;
        const paper = !voter || (i * 7) % 20 < p.paper;
        const at = new Date(p.opensAt.getTime() + ((i * 37) % 48) * 3600 * 1000);
        const choices = p.choose(i);
        r.voted = true;
        ballots.push({
          _id: r._id,
          matterId: p.id,
          sort: r.sort,
          choices,
          via: paper ? 'paper' : 'online',
          ownerHash: r.ownerHash,
          homeId: r.homeIds[0],
          castBy: paper ? COMMITTEE : voter!,
          castByName: nameOf.get(paper ? COMMITTEE : voter!) ?? '',
          firstAt: at,
          castAt: at,
          changes: 0,
          ...(paper
            ? {
                photos: [`cloud://demo.votes/u/${demoOpenid('yjlt-committee')}/votepaper/seed-${p.id}-${i}.jpg`],
                clientRequestId: `seed-${i}-paper`,
              }
            : {}),
        });
        cast.push({ key: r.ownerHash, choices, at: at.getTime() });
      });
      const rollEntries = rollDocs.map((r) => ({ key: r.ownerHash, homeIds: r.homeIds, areaCenti: r.areaCenti, developer: r.developer }));
      const shape = { kind: p.kind, format: p.format, candidateIds: p.candidates.map((_, i) => `c${i + 1}`), seats: p.seats };
      const totals = { owners: rollDocs.length, areaCenti: rollDocs.reduce((s, r) => s + r.areaCenti, 0) };
      const matter: MatterDoc = {
        _id: p.id,
        compoundId: YJLT,
        compoundName: '御家兰庭',
        communityId: homes[0].communityId,
        title: p.title,
        description: p.description,
        kind: p.kind,
        format: p.format,
        candidates: p.candidates.map((name, i) => ({ id: `c${i + 1}`, name })),
        seats: p.seats,
        documents: [],
        opensAt: p.opensAt,
        closesAt: p.closesAt,
        secret: false,
        status: p.status,
        createdBy: COMMITTEE,
        createdByName: nameOf.get(COMMITTEE) ?? '',
        clientRequestId: `seed-${p.id}`,
        createdAt: new Date(p.announcedAt.getTime() - DAY),
        announcedAt: p.announcedAt,
        rollTotals: totals,
        rollBuiltAt: p.announcedAt,
        ...(p.status === 'final'
          ? {
              result: countVote(shape, rollEntries, cast),
              publishedAt: new Date(p.closesAt.getTime() + DAY),
              objectionEndsAt: new Date(p.closesAt.getTime() + 8 * DAY),
              finalizedAt: new Date(p.closesAt.getTime() + 9 * DAY),
            }
          : {}),
      };
      const t = tallyBallots(rollEntries, cast);
      const tally: TallyDoc = {
        _id: p.id,
        ...t,
        ballots: ballots.length,
        paper: ballots.filter((b) => b.via === 'paper').length,
        updatedAt: now,
      };
      await db.collection('voteMatters').add({ data: matter });
      await db.collection('voteTallies').add({ data: tally });
      for (let i = 0; i < rollDocs.length; i += 32)
        await Promise.all(rollDocs.slice(i, i + 32).map((d) => db.collection('voteRoll').add({ data: d })));
      for (let i = 0; i < ballots.length; i += 32)
        await Promise.all(ballots.slice(i, i + 32).map((d) => db.collection('voteBallots').add({ data: d })));
      counts.voteMatters++;
      counts.voteTallies++;
      counts.voteRoll += rollDocs.length;
      counts.voteBallots += ballots.length;
    }
    return counts;
  },
};
