/**
 * Fees demo: a year of billing for 天翔世家 (1.1 元/m²) and 御家兰庭 (1.2 元 with a
 * lift — buildings 1–3 — and 0.8 元 without), paid at a realistic rate (about 89 % of last month,
 * 93–97 % of older months, a third of this month so far; arrears with a few homes), a year
 * of expenses and other income chained in the ledger, eleven closed and published
 * statements, the current month open, a donation board, and a bookkeeper (记账员)
 * in each compound. Every bill of the year is kept (about 10,500), so collection
 * rates and arrears of any month add up to the statements' fee income. Written in
 * bulk (array adds of a few hundred documents).
 */
import { createHash } from 'node:crypto';
import type { BillDoc, FeeItemDoc, LedgerEntryDoc, PaymentDoc, StatementDoc } from '../../core/fees/docs';
import {
  addMonths,
  billId,
  billLine,
  buildStatement,
  CATEGORY_FUND,
  chainNext,
  EMPTY_HEAD,
  kindOfCategory,
  ZERO_BALANCES,
  type Balances,
  type Category,
  type ChainHead,
  type RateVersion,
} from '../../core/fees/rules';
import { periodOf, shanghai } from '../../core/platform/time';
import type { Database } from '../../cloudfunctions/_shared/database';
import { current as currentEmulator } from '../../emulator';
import type { FeatureSeed } from './seed-features';
import { writeParkingDemo } from './seed-fees-parking';
import { writeDuesDemo } from './seed-fees-dues';
import { COMMUNITY_ID, demoOpenid, TXSJ, YJLT, type SeedData } from './seed-data';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The two bookkeepers the demo adds (the directory belongs to accounts). */
export const BOOKKEEPERS = [
  { key: 'txsj-bookkeeper', name: '钱会计', compoundId: TXSJ, grantedBy: 'p-txsj-committee-chair' },
  { key: 'yjlt-bookkeeper', name: '孔会计', compoundId: YJLT, grantedBy: 'p-yjlt-committee' },
];

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

/**
 * Bulk writes. On the local emulator (npm start, tests, bench) one SQLite transaction
 * per collection (`emu.seed`: the same validation and unique checks as add); against
 * CloudBase, array adds of a few hundred documents.
 */
async function bulk(db: Database, collection: string, docs: object[], size = 300) {
  const emu = currentEmulator();
  if (emu) {
    emu.seed(collection, docs);
    return;
  }
  for (let i = 0; i < docs.length; i += size) await db.collection(collection).add({ data: docs.slice(i, i + size) });
}

/** An instant inside a Shanghai month (day 1–28); Shanghai keeps +08:00 all year, so plain arithmetic. */
function inMonth(period: string, day: number, hour = 10): Date {
  const [y, m] = period.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, Math.min(28, Math.max(1, day)), hour - 8));
}

interface MonthPlan {
  expenses: [Category, number, string][];
}

function monthlyBooks(compoundId: string, scale: number, rand: () => number): MonthPlan {
  const r = (lo: number, hi: number) => Math.round((lo + rand() * (hi - lo)) * scale) * 100;
  const ex: [Category, number, string][] = [
    ['security', r(170, 185) * 100, '保安服务费（4人）'],
    ['cleaning', r(110, 125) * 100, '保洁服务费'],
    ['salary', r(60, 60) * 100, compoundId === TXSJ ? '物业经理工资' : '项目经理工资'],
    ['salary', r(25, 25) * 100, '记账员补贴'],
    ['otherExpense', r(70, 95) * 100, '公共区域水电费'],
    ['parking', r(48, 56) * 100, '地面停车位租金'],
    ['evCharging', r(8, 16) * 100, '充电桩收益'],
  ];
  if (rand() < 0.6)
    ex.push(['repairs', r(15, 90) * 100, ['更换楼道灯', '修补围墙', '疏通排水管', '维修门禁', '更换消防水带'][Math.floor(rand() * 5)]]);
  if (rand() < 0.4) ex.push(['purchases', r(8, 30) * 100, ['采购垃圾桶', '采购绿化苗木', '采购清洁用品'][Math.floor(rand() * 3)]]);
  if (rand() < 0.25) ex.push(['advertising', r(20, 30) * 100, '电梯广告位收入']);
  return { expenses: ex };
}

export const feesSeed: FeatureSeed = {
  name: 'fees',
  async write(db: Database, base: SeedData, now: Date) {
    const createdAt = new Date('2026-09-01T02:00:00Z');
    for (const b of BOOKKEEPERS) {
      await db.collection('people').add({
        data: { _id: `p-${b.key}`, openid: demoOpenid(b.key), name: b.name, partyMember: false, showPartyBadge: false, createdAt },
      });
      await db.collection('roles').add({
        data: {
          _id: `r-${b.key}-bookkeeper`,
          personId: `p-${b.key}`,
          role: 'bookkeeper',
          communityId: COMMUNITY_ID,
          compoundId: b.compoundId,
          grantedBy: b.grantedBy,
          createdAt,
        },
      });
    }
    const current = periodOf(now);
    const today = Number(shanghai(now).format('D'));
    const first = addMonths(current, -11);
    const periods = Array.from({ length: 12 }, (_, i) => addMonths(first, i));
    const rand = rng(20261101);
    const counts: Record<string, number> = { feeItems: 0, bills: 0, payments: 0, ledger: 0, statements: 0 };
    const named = new Map(
      base.memberships.filter((m) => m.personId.startsWith('p-') && !m.personId.startsWith('p-gen-')).map((m) => [m.homeId, m.personId]),
    );

    for (const c of base.compounds.filter((x) => x._id === TXSJ || x._id === YJLT)) {
      const tiers = c._id === TXSJ ? { flat_lift: 110, flat_walkup: 110, shop: 110 } : { flat_lift: 120, flat_walkup: 80, shop: 120 };
      const rates: RateVersion[] = [
        {
          from: first,
          tiers,
          setBy: c._id === TXSJ ? 'p-txsj-committee-chair' : 'p-yjlt-committee',
          setAt: inMonth(first, 1).toISOString(),
        },
      ];
      const item: FeeItemDoc = {
        _id: `${c._id}_property`,
        compoundId: c._id,
        communityId: c.communityId,
        code: 'property',
        kind: 'property',
        name: '物业费',
        rates,
        proposals: [],
        updatedAt: createdAt,
      };
      await db.collection('feeItems').add({ data: item });
      counts.feeItems++;

      // Bills and who paid. A few homes are long in arrears; the named residents pay on time
      // except this month (陈阿婆 pays it in the walkthrough) and 郑海涛, two months behind.
      const homes = base.homes.filter((h) => h.compoundId === c._id);
      // Arrears sit with a few homes, as they do: about 3 % long behind (half a year and
      // more), about 8 % a month or two late; everyone else has paid every past month.
      const chronic = new Set(homes.filter(() => rand() < 0.03).map((h) => h._id));
      const late = new Set(homes.filter((h) => !chronic.has(h._id) && rand() < 0.08).map((h) => h._id));
      const bills: BillDoc[] = [];
      const payments: PaymentDoc[] = [];
      const paidBy = new Map<string, { wechat: number; cash: number; homes: number }>();
      for (const p of periods) paidBy.set(p, { wechat: 0, cash: 0, homes: 0 });
      for (const h of homes) {
        const who = named.get(h._id);
        for (const p of periods) {
          const line = billLine('property', rates, p, h)!;
          const age = periods.length - 1 - periods.indexOf(p);
          let paid: boolean;
          if (who === 'p-txsj-resident-5') paid = age >= 2;
          else if (who) paid = age >= 1;
          else if (chronic.has(h._id)) paid = age >= 6;
          else if (late.has(h._id)) paid = age >= 3 || (age === 2 && rand() < 0.5);
          else paid = age === 0 ? rand() < 0.33 : true;
          const id = billId(h._id, 'property', p);
          const method = rand() < 0.8 ? 'wechat' : 'cash';
          const paidAt = inMonth(
            p,
            age === 0 ? Math.min(today, 1 + Math.floor(rand() * 10)) : 1 + Math.floor(rand() * 20),
            9 + Math.floor(rand() * 10),
          );
          const bill: BillDoc = {
            _id: id,
            communityId: c.communityId,
            compoundId: c._id,
            buildingId: h.buildingId,
            homeId: h._id,
            homeLabel: `${c.name} ${h.label}`,
            compoundPeriod: `${c._id}_${p}`,
            itemCode: 'property',
            itemName: '物业费',
            kind: 'property',
            period: p,
            rateFen: line.rateFen,
            quantity: line.quantity,
            unit: line.unit,
            ...(line.tier ? { tier: line.tier } : {}),
            amountFen: line.amountFen,
            status: paid ? 'paid' : 'unpaid',
            orderNo: null,
            createdAt: inMonth(p, 1, 2),
          };
          if (paid) {
            const tally = paidBy.get(p)!;
            tally[method] += line.amountFen;
            tally.homes++;
            bill.paidAt = paidAt;
            if (who) {
              // Receipts for the people who sign in to the demo.
              const pid = `seed_${id}`;
              bill.paymentId = pid;
              payments.push({
                _id: pid,
                communityId: c.communityId,
                compoundId: c._id,
                compoundName: c.name,
                method,
                receiptNo: `${method === 'wechat' ? 'WX' : 'XJ'}${p.replace('-', '')}${h.number}`,
                billIds: [id],
                homeIds: [h._id],
                lines: [
                  { billId: id, homeLabel: bill.homeLabel, itemName: '物业费', period: p, amountFen: line.amountFen, duplicate: false },
                ],
                amountFen: line.amountFen,
                duplicateFen: 0,
                needsRefund: false,
                day: `${p}-${String(shanghai(paidAt).date()).padStart(2, '0')}`,
                paidAt,
                recordedBy: method === 'wechat' ? 'wechat' : 'p-txsj-manager',
                entryIds: [],
              });
            }
          }
          bills.push(bill);
        }
      }

      // The ledger: per month, the fee income (WeChat and cash apart), the other income and
      // the expenses, chained; each past month closed and published with its head.
      const entries: LedgerEntryDoc[] = [];
      const statements: StatementDoc[] = [];
      let head: ChainHead = EMPTY_HEAD;
      // Balances carried over from the paper books before the app: the first statement's opening.
      let balances: Balances = {
        ...ZERO_BALANCES,
        operating: c._id === TXSJ ? 8_650_000 : 4_120_000,
        repairFund: c._id === TXSJ ? 52_000_000 : 26_500_000,
      };
      const bk = BOOKKEEPERS.find((b) => b.compoundId === c._id)!;
      const scale = c._id === TXSJ ? 1 : 0.5;
      const push = (
        p: string,
        day: number,
        category: Category,
        amountFen: number,
        memo: string,
        by: string,
        byName: string,
        extra: Partial<LedgerEntryDoc> = {},
      ) => {
        const at = inMonth(p, day, 18).toISOString();
        const next = chainNext(
          head,
          {
            compoundId: c._id,
            period: p,
            kind: kindOfCategory(category),
            category,
            fund: CATEGORY_FUND[category],
            amountFen,
            memo,
            sourceKey: `seed_${c._id}_${entries.length + 1}`,
            reverses: null,
            receipts: [],
            at,
          },
          sha256,
        );
        entries.push({
          _id: `${c._id}_${String(next.fields.seq).padStart(9, '0')}`,
          ...next.fields,
          communityId: c.communityId,
          compoundPeriod: `${c._id}_${p}`,
          hash: next.hash,
          by,
          byName,
          ...extra,
        });
        head = next.head;
      };
      const donors: [string, boolean, string, number][] = [
        ['林国栋', false, '凉亭修缮', 100_000],
        ['', true, '凉亭修缮', 50_000],
        ['王志明', false, '助老食堂', 80_000],
        ['陈阿婆', false, '助老食堂', 20_000],
        ['', true, '助老食堂', 30_000],
      ];
      for (const p of periods) {
        const isCurrent = p === current;
        const t = paidBy.get(p)!;
        if (t.wechat) push(p, isCurrent ? today : 28, 'propertyFee', t.wechat, `物业费 微信支付（${periodOfLabel(p)}）`, '', '微信支付');
        if (t.cash)
          push(
            p,
            isCurrent ? today : 28,
            'propertyFee',
            t.cash,
            `物业费 现金/转账（${periodOfLabel(p)}）`,
            'p-txsj-manager',
            c._id === TXSJ ? '刘洋' : '孙志刚',
          );
        const plan = monthlyBooks(c._id, scale, rand);
        for (const [cat, amt, memo] of plan.expenses) {
          if (isCurrent && kindOfCategory(cat) === 'expense' && cat !== 'salary' && cat !== 'security') continue;
          push(p, isCurrent ? Math.max(1, today - 1) : 25, cat, amt, memo, `p-${bk.key}`, bk.name);
        }
        if (c._id === TXSJ && p === addMonths(current, -5))
          push(p, 20, 'repairFundOut', 4_860_000, '3栋、5栋屋面防水（业主大会表决通过）', `p-${bk.key}`, bk.name);
        if (c._id === TXSJ && periods.indexOf(p) >= 6 && periods.indexOf(p) < 11) {
          const [name, anonymous, project, amountFen] = donors[periods.indexOf(p) - 6];
          push(p, 15, 'donation', amountFen, `捐资：${project}`, `p-${bk.key}`, bk.name, {
            donationBoard: c._id,
            donor: { name, anonymous, project },
          });
        }
        if (!isCurrent) {
          const month = entries.filter((e) => e.period === p);
          const figures = buildStatement(p, balances, month);
          balances = figures.balances;
          const closedAt = inMonth(addMonths(p, 1), 3, 20);
          statements.push({
            _id: `${c._id}_${p}`,
            compoundId: c._id,
            communityId: c.communityId,
            period: p,
            status: 'published',
            figures,
            head,
            closedBy: c._id === TXSJ ? 'p-txsj-committee-chair' : 'p-yjlt-committee',
            closedAt,
            publishedBy: c._id === TXSJ ? 'p-txsj-committee-chair' : 'p-yjlt-committee',
            publishedAt: closedAt,
          });
        }
      }
      await bulk(db, 'bills', bills);
      await bulk(db, 'payments', payments);
      await bulk(db, 'ledger', entries);
      await bulk(db, 'statements', statements);
      await db
        .collection('ledgerHeads')
        .add({ data: { _id: c._id, seq: head.seq, hash: head.hash, closedThrough: addMonths(current, -1), updatedAt: now } });
      // What the witness timer wrote this morning: today's notices quote it.
      const day = shanghai(now).format('YYYY-MM-DD');
      await db
        .collection('ledgerDailyHeads')
        .add({ data: { _id: `${c._id}_${day}`, compoundId: c._id, day, seq: head.seq, hash: head.hash, at: now } });
      counts.bills += bills.length;
      counts.payments += payments.length;
      counts.ledger += entries.length;
      counts.statements += statements.length;
    }
    Object.assign(counts, await writeParkingDemo(db, base, now), await writeDuesDemo(db, base, now));
    return counts;
  },
};

function periodOfLabel(p: string) {
  return `${Number(p.slice(5))}月`;
}
