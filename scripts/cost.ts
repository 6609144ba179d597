/**
 * `npm run cost`: one simulated month of 天翔世家 (585 homes) driven through the cloud
 * functions on the emulator, metered, and printed against CloudBase's plans; then the
 * same month for a district of 300,000 homes on one environment.
 *
 * What happens in the month (all through the functions, as the phone and the platform
 * would call them): every home opens the 首页 once a day (the calls the client's home tab
 * makes, `HOME_TAB`); building leads post notices twice a week and the committee four
 * times a month, 70 % of each audience opens them and the author reminds the rest once;
 * the billing timer generates the month's bills, 80 % of homes pay online (WeChat Pay
 * and its callback), 10 % pay the manager, the committee reminds arrears once; the
 * secretary runs four activities with 30 sign-ups each; one home in eight reports a
 * repair, which is dispatched, done and confirmed; owners vote on an open matter and the
 * committee watches the live count; on the last day the bookkeeper closes and publishes
 * the month and posts it as a 财务公示 notice. Every timer trigger fires as its cron says
 * (the emulator's clock, coalesced per hour; the skipped occurrences are counted as calls
 * billed at the 100 ms minimum).
 *
 * Subscribe messages are real: the emulator enforces WeChat's grants (one message per accepted
 * tap on wx.requestSubscribeMessage, per template). Residents tap where the client asks
 * (src/services/subscribe.ts callers): 新通知提醒 when they open a notice, 欠费时提醒我 the first
 * time they open their bills, before reporting a repair and before signing up. ASSUMPTION:
 * 3 taps in 5 accept (ACCEPT_SHARE); the rest reject and grant nothing. Every feature records
 * the tap with its `x.subscribe` action (a metered call). The sends are the features' own:
 * a lead's 提醒未读, the committee's arrears reminder, repair progress, sign-up and the
 * activity's day-before reminder, the committee's vote reminder (the client never asks for
 * the vote template, so that one finds no grant). Metered per day from the sandbox's outbox.
 *
 * Metering: every invocation of every function (client calls, timer firings, the pay
 * callback, callFunction between functions) through a wrapper: calls, and GB-seconds =
 * memory (deploy.json) × billed time (local wall time rounded up to 100 ms, CloudBase's
 * billing grain). DB reads = read requests (queries), writes = documents written, per
 * day; storage = the database's documents plus uploaded files; subscribe messages sent.
 *
 * The district: per-home activity scales with homes (the bench shows every per-user
 * action and every job batch costs the same at 300,000 homes), and the timers run once
 * per environment, not per compound. Local wall time stands in for CloudBase's billed
 * time: treat GB-seconds as an estimate.
 */
import { performance } from 'node:perf_hooks';
import { COLLECTIONS } from '../core/collections';
import { OUTBOX, createEmulator, installRequireHook, useEmulator, type Emulator } from '../emulator';
import { SEED_ORDER } from './lib/seed';
import { buildSeed, demoOpenid } from './lib/seed-data';
import { emulatorWiring, readFunctionConfigs } from './lib/function-config';
import { PAYG, PLANS, SUBSCRIBE_SEND, type Plan } from './lib/cost-plans';
import { TEMPLATE_IDS, type TemplateKey } from '../core/templates';
import { periodOf } from '../core/platform/time';
import { seedMatter } from './lib/bench-votes';
import { loadFunctionMains, type FunctionMain } from './lib/function-mains';

installRequireHook();
const MAINS = loadFunctionMains();

const DAYS = Number(process.env.COST_DAYS ?? 30);
const DISTRICT_HOMES = 300_000;
/** ASSUMPTION: of the taps on WeChat's subscribe prompt, this share accepts (3 in 5, taken in turn). */
const ACCEPT_SHARE = 0.6;
const CONFIGS = readFunctionConfigs();
const MEMORY_MB = Object.fromEntries(CONFIGS.map((c) => [c.name, c.memorySize]));

/**
 * What the client's 首页 calls for a resident when it opens (src/pages/home and the home
 * cards of src/features/<f>; the page audit, tests/e2e/audit-walk.ts, counts them in the browser).
 */
export const HOME_TAB: [fn: string, action: string, payload: unknown][] = [['home', 'home.get', {}]];

interface Usage {
  calls: number;
  timerCalls: number;
  /** GB-seconds of the timer occurrences not run (billed at the minimum): per environment, not per home */
  timerIdleGbs: number;
  gbs: number;
  byFn: Record<string, { calls: number; gbs: number }>;
  readsPerDay: number[];
  writesPerDay: number[];
  /** Per day: reads, writes and calls of each top-level action ("fn action", or the timer's name). */
  byActionPerDay: Map<string, { calls: number; reads: number; writes: number }>[];
  messages: number;
  messagesPerDay: number[];
  taps: number;
  grants: number;
  templates: string[];
  dbBytes: number;
  fileBytes: number;
  failed: Record<string, number>;
}

const billedS = (ms: number) => Math.max(1, Math.ceil(ms / 100)) / 10;

async function month(): Promise<{ usage: Usage; homes: number }> {
  const usage: Usage = {
    calls: 0,
    timerCalls: 0,
    timerIdleGbs: 0,
    gbs: 0,
    byFn: {},
    readsPerDay: [],
    writesPerDay: [],
    byActionPerDay: [],
    messages: 0,
    messagesPerDay: [],
    taps: 0,
    grants: 0,
    templates: [],
    dbBytes: 0,
    fileBytes: 0,
    failed: {},
  };
  const meter = (fn: string, ms: number, n = 1) => {
    const gbs = (MEMORY_MB[fn] / 1024) * billedS(ms) * n;
    usage.calls += n;
    usage.gbs += gbs;
    const f = (usage.byFn[fn] ??= { calls: 0, gbs: 0 });
    f.calls += n;
    f.gbs += gbs;
  };
  // Which action made the reads: each top-level invocation is measured (a callee's reads count in its caller's).
  let today = new Map<string, { calls: number; reads: number; writes: number }>();
  let depth = 0;
  const actionOf = (fn: string, event: any) =>
    typeof event?.action === 'string'
      ? `${fn} ${event.action}`
      : event?.Type === 'Timer'
        ? `${fn} timer:${event.TriggerName}`
        : `${fn} (platform event)`;
  const wrapped: Record<string, FunctionMain> = {};
  for (const [name, main] of Object.entries(MAINS)) {
    wrapped[name] = async (event, context) => {
      const t = performance.now();
      const top = depth++ === 0;
      try {
        if (!top) return await main(event, context);
        const m = await emu.measure(() => main(event, context));
        const a = today.get(actionOf(name, event)) ?? { calls: 0, reads: 0, writes: 0 };
        today.set(actionOf(name, event), { calls: a.calls + 1, reads: a.reads + m.queries, writes: a.writes + m.writes });
        return m.result;
      } finally {
        depth--;
        meter(name, performance.now() - t);
      }
    };
  }
  const start = new Date();
  const wiring = emulatorWiring(CONFIGS);
  const emu: Emulator = createEmulator({
    dataDir: ':memory:',
    collections: COLLECTIONS,
    functions: (n: string) => wrapped[n] as any,
    mediaCheckCallback: { functionName: 'notices' },
    clockStart: start,
    // WeChat's rule: a send needs an accepted tap for its template, one message per tap.
    enforceSubscribeGrants: true,
    ...wiring,
  });
  useEmulator(emu);
  const seed = buildSeed();
  for (const name of SEED_ORDER) emu.seed(name, seed[name] as object[]);
  const db = emu.sdk.database();
  const _ = db.command;

  const txsjHomes = seed.homes.filter((h) => h.compoundId === 'txsj');
  const members = seed.memberships.filter((m) => m.compoundId === 'txsj' && m.status === 'active');
  const openidOf = new Map(seed.people.map((p) => [p._id, p.openid]));
  const residents = members
    .map((m) => ({ openid: openidOf.get(m.personId)!, homeId: m.homeId, buildingId: m.buildingId, owner: m.relation === 'owner' }))
    .filter((r) => r.openid);
  const byBuilding = new Map<string, typeof residents>();
  for (const r of residents) byBuilding.set(r.buildingId, [...(byBuilding.get(r.buildingId) ?? []), r]);
  let seq = 0;
  const rid = () => `cost-${start.getTime()}-${++seq}`;
  const call = async (fn: string, openid: string, action: string, payload: unknown) => {
    const r = await emu.invoke(fn, { action, payload }, { openid });
    if (!r?.ok) usage.failed[`${action} ${r?.error?.code ?? '?'}`] = (usage.failed[`${action} ${r?.error?.code ?? '?'}`] ?? 0) + 1;
    return r?.ok ? r.data : null;
  };
  const as = (key: string) => demoOpenid(key);
  // A tap on WeChat's subscribe prompt: accepted ones grant one message (WeChat's side) and
  // every tap is recorded by the feature's `x.subscribe` action (our count), as the client does.
  const tap = async (openid: string, fn: string, key: TemplateKey) => {
    const templateId = TEMPLATE_IDS[key];
    const accepted = usage.taps++ % 5 < ACCEPT_SHARE * 5;
    if (accepted) {
      emu.grantSubscription(openid, templateId);
      usage.grants++;
    }
    await call(fn, openid, `${fn}.subscribe`, { templateId, accepted });
  };
  const askedBills = new Set<string>();
  /** The simulation's own look-ups (which bills are unpaid): not the product's reads. */
  let scriptReads = 0;

  // An open matter of 天翔世家 for the month's ballots (announced last month; nobody has voted yet).
  const created = { id: 'vm_cost_open' };
  seedMatter(
    emu,
    created.id,
    txsjHomes,
    new Set(),
    new Date(start.getTime() - 86_400_000),
    new Date(start.getTime() + (DAYS + 5) * 86_400_000),
    { id: 'txsj', name: '天翔世家' },
    true,
  );

  const notices: { id: string; audience: typeof residents; author: string }[] = [];
  const repairs: { id: string; openid: string }[] = [];
  const activities: string[] = [];
  const period = periodOf(start);
  let dayStart = {
    reads: emu.store.totals.queries,
    writes: emu.store.totals.writes,
    messages: emu.outbox.list({ kind: OUTBOX.subscribe }).length,
  };

  for (let day = 0; day < DAYS; day++) {
    const dayAt = new Date(start.getTime() + day * 86_400_000);
    // 首页: every home once a day, by one of its members (homes without one: a member of another).
    for (let h = 0; h < txsjHomes.length; h++) {
      const r = residents[(h + day) % residents.length];
      for (const [fn, action, payload] of HOME_TAB) await call(fn, r.openid, action, payload);
    }
    // Notices: leads post to their building twice a week, the committee four times a month.
    if (day % 7 === 1 || day % 7 === 4) {
      for (const [lead, b] of [
        ['txsj-lead-3', 'txsj-b3'],
        ['txsj-lead-5', 'txsj-b5'],
      ] as const) {
        const n = await call('notices', as(lead), 'notices.post', {
          clientRequestId: rid(),
          audience: { kind: 'buildings', buildingIds: [b] },
          title: `${b.slice(-1)}栋通知 ${day}`,
          body: '本周六上午九点清洗水箱，请提前储水。',
          category: '通知',
        });
        if (n) notices.push({ id: n.id, audience: byBuilding.get(b) ?? [], author: lead });
      }
    }
    if (day % 7 === 2) {
      const n = await call('notices', as('txsj-committee'), 'notices.post', {
        clientRequestId: rid(),
        audience: { kind: 'compounds', compoundIds: ['txsj'] },
        title: `业委会通知 ${day}`,
        body: '本月业委会例会将于周五晚七点在议事厅召开。',
        category: '通知',
      });
      if (n) notices.push({ id: n.id, audience: residents, author: 'txsj-committee' });
    }
    // Opens: 70 % of each audience, spread over the three days after posting; the author reminds the day after.
    for (const [k, n] of notices.entries()) {
      const age = notices.length - k; // rough: newer notices are read first
      void age;
      const readers = n.audience.filter((_r, i) => i % 10 < 7 && (i + day) % 3 === 0);
      for (const r of readers.slice(0, Math.ceil(n.audience.length / 3))) {
        await call('notices', r.openid, 'notices.open', { noticeId: n.id });
        await tap(r.openid, 'notices', 'notice');
      }
    }
    for (const n of notices.splice(0, Math.max(0, notices.length - 6)))
      await call('notices', as(n.author), 'notices.remind', { clientRequestId: rid(), noticeId: n.id });
    // Fees: bills come from the billing timer; payments over the first 20 days.
    if (day < 20) {
      const found = await emu.measure(() =>
        db
          .collection('bills')
          .where({ compoundPeriod: `txsj_${period}`, status: 'unpaid' })
          .limit(60)
          .get(),
      );
      scriptReads += found.queries;
      const unpaid = found.result.data as { _id: string; homeId: string }[];
      for (const [i, b] of unpaid.slice(0, Math.ceil(txsjHomes.length / 20)).entries()) {
        const payer = residents.find((r) => r.homeId === b.homeId);
        if (payer && i % 9 !== 0) {
          await call('fees', payer.openid, 'fees.myBills', {});
          if (!askedBills.has(payer.openid)) {
            askedBills.add(payer.openid);
            await tap(payer.openid, 'fees', 'bill');
          }
          const order = await call('fees', payer.openid, 'fees.pay', { clientRequestId: rid(), billIds: [b._id] });
          if (order) await emu.pay.complete(order.outTradeNo);
        } else
          await call('fees', as('txsj-manager'), 'fees.payOffline', {
            clientRequestId: rid(),
            billIds: [b._id],
            method: 'cash',
            receiptNo: `C-${day}-${i}`,
          });
      }
    }
    if (day === 20)
      for (const b of ['txsj-b3', 'txsj-b5'])
        await call('fees', as('txsj-committee'), 'fees.remind', { clientRequestId: rid(), compoundId: 'txsj', buildingId: b });
    // Activities: four a month, 30 sign-ups each over the next days.
    if (day % 7 === 0) {
      const a = await call('activities', as('txsj-secretary'), 'activities.create', {
        clientRequestId: rid(),
        title: `志愿服务 ${day}`,
        description: '清理楼道杂物',
        place: '小区广场',
        startAt: new Date(dayAt.getTime() + 10 * 86_400_000).toISOString(),
        endAt: new Date(dayAt.getTime() + 10 * 86_400_000 + 7_200_000).toISOString(),
        deadline: new Date(dayAt.getTime() + 8 * 86_400_000).toISOString(),
        audience: { kind: 'compound', compoundId: 'txsj' },
        capacity: 30,
      });
      if (a) activities.push(a.id);
    }
    for (const a of activities.slice(-2))
      for (let k = 0; k < 5; k++) {
        const r = residents[(day * 5 + k) % residents.length];
        await tap(r.openid, 'activities', 'activity');
        await call('activities', r.openid, 'activities.signUp', { activityId: a });
      }
    // Repairs: one home in eight a month (2–3 a day), dispatched, done and confirmed over the next days.
    for (let k = 0; k < Math.round(txsjHomes.length / 8 / DAYS + (day % 2 ? 0.4 : 0)); k++) {
      const r = residents[(day * 7 + k * 13) % residents.length];
      await tap(r.openid, 'repairs', 'repair');
      const rep = await call('repairs', r.openid, 'repairs.report', {
        clientRequestId: rid(),
        where: { kind: 'home', homeId: r.homeId },
        category: '水管漏水',
        description: '厨房水管漏水',
      });
      if (rep) repairs.push({ id: rep.id, openid: r.openid });
    }
    for (const rep of repairs.splice(0)) {
      await call('repairs', as('txsj-manager'), 'repairs.assign', { repairId: rep.id, assigneeId: 'p-txsj-staff' });
      await call('repairs', as('txsj-staff'), 'repairs.start', { repairId: rep.id });
      await call('repairs', as('txsj-staff'), 'repairs.finish', { repairId: rep.id });
      await call('repairs', rep.openid, 'repairs.confirm', { repairId: rep.id, rating: 5 });
    }
    // Votes: owners cast over the month; the committee looks at the live count daily.
    if (created) {
      for (const r of residents.filter((x, i) => x.owner && i % DAYS === day && i % 10 < 6))
        await call('votes', r.openid, 'ballots.cast', { matterId: created.id, homeId: r.homeId, choices: ['approve'] });
      await call('votes', as('txsj-committee'), 'matters.get', { matterId: created.id });
      if (day === 15) await call('votes', as('txsj-committee'), 'matters.remind', { clientRequestId: rid(), matterId: created.id });
    }
    // The month's end: the bookkeeper closes and publishes, the committee posts the 财务公示.
    if (day === DAYS - 1) {
      await call('fees', as('txsj-committee'), 'ledger.close', { compoundId: 'txsj', period });
      await call('fees', as('txsj-committee'), 'ledger.publish', { compoundId: 'txsj', period });
      const n = await call('notices', as('txsj-committee'), 'notices.post', {
        clientRequestId: rid(),
        audience: { kind: 'compounds', compoundIds: ['txsj'] },
        title: `${period} 月度收支公示`,
        body: '本月收支已公示，请点击查看。',
        category: '通知',
        link: { to: 'feeStatement', params: { compoundId: 'txsj', period }, label: '查看账目明细' },
      });
      if (n) await call('fees', as('txsj-committee'), 'ledger.linkNotice', { compoundId: 'txsj', period, noticeId: n.id });
    }
    // The day's timers (the clock runs hour by hour: each firing stands for its occurrences).
    for (let hour = 1; hour <= 24; hour++) {
      const firings = await emu.timers.advanceTo(new Date(dayAt.getTime() + hour * 3_600_000));
      for (const f of firings) {
        usage.timerCalls += f.occurrences;
        if (f.occurrences > 1) {
          meter(f.functionName, 100, f.occurrences - 1);
          usage.timerIdleGbs += (MEMORY_MB[f.functionName] / 1024) * 0.1 * (f.occurrences - 1);
        }
      }
    }
    const sent = emu.outbox.list({ kind: OUTBOX.subscribe }).length;
    usage.readsPerDay.push(emu.store.totals.queries - dayStart.reads - scriptReads);
    usage.writesPerDay.push(emu.store.totals.writes - dayStart.writes);
    usage.messagesPerDay.push(sent - dayStart.messages);
    usage.byActionPerDay.push(today);
    today = new Map();
    scriptReads = 0;
    dayStart = { reads: emu.store.totals.queries, writes: emu.store.totals.writes, messages: sent };
    process.stderr.write(`day ${day + 1}: ${usage.calls} calls so far\n`);
  }
  const sentAll = emu.outbox.list({ kind: OUTBOX.subscribe });
  usage.messages = sentAll.length;
  // Which feature's template each message used (the key of core/templates.ts).
  const keyOf = new Map(Object.entries(TEMPLATE_IDS).map(([k, id]) => [id, k]));
  usage.templates = sentAll.map((e: any) => keyOf.get(e.payload?.templateId) ?? String(e.payload?.templateId));
  usage.dbBytes = (emu.store.db.prepare('SELECT sum(length(doc)) AS n FROM _docs').get() as { n: number }).n;
  usage.fileBytes = emu.outbox.list({ kind: OUTBOX.file }).reduce((s: number, f: any) => s + (f.payload?.size ?? 0), 0);
  emu.close();
  return { usage, homes: txsjHomes.length };
}

interface Figures {
  calls: number;
  gbs: number;
  peakReads: number;
  peakWrites: number;
  dbGB: number;
  storageGB: number;
  messages: number;
  peakMessages: number;
}

function fits(p: Plan, f: Figures) {
  return (
    f.calls <= p.callsPerMonth &&
    f.gbs <= p.gbsPerMonth &&
    f.peakReads <= p.readsPerDay &&
    f.peakWrites <= p.writesPerDay &&
    f.dbGB <= p.dbGB &&
    f.storageGB <= p.storageGB
  );
}

function payg(f: Figures, readsMonth: number, writesMonth: number) {
  return (
    f.calls * PAYG.perCall +
    f.gbs * PAYG.perGbs +
    readsMonth * PAYG.perRead +
    writesMonth * PAYG.perWrite +
    f.dbGB * PAYG.dbPerGbDay * 30 +
    f.storageGB * PAYG.storagePerGbDay * 30
  );
}

function print(title: string, homes: number, f: Figures, readsMonth: number, writesMonth: number) {
  const pct = (x: number, q: number) => (Number.isFinite(q) ? `${((100 * x) / q).toFixed(1)} %` : '—');
  const basic = PLANS[0];
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  console.log(`\n## ${title} (${n(homes)} homes), one month`);
  console.log('| metric | used | basic plan quota | share of basic |');
  console.log('|---|---:|---:|---:|');
  console.log(`| function calls / month | ${n(f.calls)} | ${n(basic.callsPerMonth)} | ${pct(f.calls, basic.callsPerMonth)} |`);
  console.log(`| GB-seconds / month | ${n(f.gbs)} | ${n(basic.gbsPerMonth)} | ${pct(f.gbs, basic.gbsPerMonth)} |`);
  console.log(`| DB reads / day (peak) | ${n(f.peakReads)} | ${n(basic.readsPerDay)} | ${pct(f.peakReads, basic.readsPerDay)} |`);
  console.log(`| DB writes / day (peak) | ${n(f.peakWrites)} | ${n(basic.writesPerDay)} | ${pct(f.peakWrites, basic.writesPerDay)} |`);
  console.log(`| database size GB | ${f.dbGB.toFixed(3)} | ${basic.dbGB} | ${pct(f.dbGB, basic.dbGB)} |`);
  console.log(`| file storage GB | ${f.storageGB.toFixed(3)} | ${basic.storageGB} | ${pct(f.storageGB, basic.storageGB)} |`);
  console.log(
    `| subscribe messages / month (peak day ${n(f.peakMessages)}) | ${n(f.messages)} | none: a 云调用 inside a metered call | — |`,
  );
  console.log(
    `| subscribe messages / day (peak) vs WeChat's limit | ${n(f.peakMessages)} | ${n(SUBSCRIBE_SEND.wechatPerDay)} | ${pct(f.peakMessages, SUBSCRIBE_SEND.wechatPerDay)} |`,
  );
  const plan = PLANS.find((p) => fits(p, f));
  const half = PLANS.find((p) =>
    fits(p, {
      ...f,
      calls: 2 * f.calls,
      gbs: 2 * f.gbs,
      peakReads: 2 * f.peakReads,
      peakWrites: 2 * f.peakWrites,
      dbGB: 2 * f.dbGB,
      storageGB: 2 * f.storageGB,
    }),
  );
  const yuan = payg(f, readsMonth, writesMonth);
  console.log(
    `\ncheapest plan that fits: ${plan ? `${plan.name}${plan.priceYuan !== null ? ` (${plan.priceYuan} 元/月 = ${((plan.priceYuan * 12) / homes).toFixed(3)} 元 per home per year)` : ''}` : 'none of the listed plans'}; with half of every quota to spare: ${half?.name ?? 'none'}`,
  );
  console.log(`pay-as-you-go price of this usage: ${yuan.toFixed(2)} 元/月 = ${((yuan * 12) / homes).toFixed(4)} 元 per home per year`);
}

async function main() {
  const t = performance.now();
  const { usage, homes } = await month();
  const readsMonth = usage.readsPerDay.reduce((a, b) => a + b, 0);
  const writesMonth = usage.writesPerDay.reduce((a, b) => a + b, 0);
  const compound: Figures = {
    calls: usage.calls,
    gbs: usage.gbs,
    peakReads: Math.max(...usage.readsPerDay),
    peakWrites: Math.max(...usage.writesPerDay),
    dbGB: usage.dbBytes / 1e9,
    storageGB: usage.fileBytes / 1e9,
    messages: usage.messages,
    peakMessages: Math.max(...usage.messagesPerDay),
  };
  console.log(
    `# npm run cost — a simulated month (${DAYS} days), metered on the emulator in ${((performance.now() - t) / 1000).toFixed(0)} s`,
  );
  console.log('\nBy function (calls, GB-seconds):');
  for (const [fn, v] of Object.entries(usage.byFn))
    console.log(`- ${fn}: ${v.calls.toLocaleString('en-US')} calls, ${v.gbs.toFixed(0)} GBs`);
  console.log(`- of which timer occurrences: ${usage.timerCalls.toLocaleString('en-US')}`);
  if (Object.keys(usage.failed).length)
    console.log(`\nRefused calls (part of the month, e.g. a second vote on a home): ${JSON.stringify(usage.failed)}`);
  // The peak day: which actions made its reads.
  const peak = usage.readsPerDay.indexOf(compound.peakReads);
  const acts = [...usage.byActionPerDay[peak].entries()].sort((a, b) => b[1].reads - a[1].reads);
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  console.log(
    `\nPeak day for reads: day ${peak + 1} of ${DAYS}, ${n(compound.peakReads)} reads, ${n(usage.writesPerDay[peak])} writes, ${n(usage.messagesPerDay[peak])} subscribe messages. Its top 10 actions by reads:`,
  );
  console.log('| action | calls | reads | reads per call | writes |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [a, v] of acts.slice(0, 10))
    console.log(`| ${a} | ${n(v.calls)} | ${n(v.reads)} | ${(v.reads / v.calls).toFixed(1)} | ${n(v.writes)} |`);
  console.log(
    `\nSubscribe prompts: ${n(usage.taps)} taps recorded, ${n(usage.grants)} accepted (assumed ${ACCEPT_SHARE * 100} %), ${n(usage.messages)} messages sent in the month (peak day ${n(compound.peakMessages)}).`,
  );
  const byTemplate = new Map<string, number>();
  for (const m of usage.templates) byTemplate.set(m, (byTemplate.get(m) ?? 0) + 1);
  console.log(`Messages by template: ${[...byTemplate.entries()].map(([t, c]) => `${t} ${c}`).join(', ') || 'none'}`);
  print('天翔世家', homes, compound, readsMonth, writesMonth);
  // The district: everything but the timers' own occurrences scales with homes.
  const k = DISTRICT_HOMES / homes;
  const district: Figures = {
    calls: (usage.calls - usage.timerCalls) * k + usage.timerCalls,
    gbs: (usage.gbs - usage.timerIdleGbs) * k + usage.timerIdleGbs,
    peakReads: compound.peakReads * k,
    peakWrites: compound.peakWrites * k,
    dbGB: compound.dbGB * k,
    storageGB: compound.storageGB * k,
    messages: usage.messages * k,
    peakMessages: compound.peakMessages * k,
  };
  print('A district on one environment', DISTRICT_HOMES, district, readsMonth * k, writesMonth * k);
  console.log(
    '\nGB-seconds use local wall time as billed time (rounded up to 100 ms): an estimate. DB reads are read requests; writes are documents written (an upper bound of write requests).',
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
