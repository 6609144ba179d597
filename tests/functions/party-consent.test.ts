/**
 * 亮身份 is a separate consent (PIPL art. 25), off by default and withdrawable: a party
 * member who has not consented is never shown as 党员 to residents, by any read action
 * that shows the badge (notices list and detail, 首页, activities lists, the hours
 * ranking and page, the structure page, the party card), and a withdrawal covers what
 * was written while they consented (notices posted, sign-ups and hours credited).
 */
import { main as accounts } from '../../cloudfunctions/accounts';
import { main as notices } from '../../cloudfunctions/notices';
import { main as activities } from '../../cloudfunctions/activities';
import { main as home } from '../../cloudfunctions/home';
import { TXSJ } from '../../scripts/lib/seed-data';
import type { Harness } from '../support/harness';
import { partyHarness } from './party-support';

jest.setTimeout(240_000);
let h: Harness;
beforeAll(async () => {
  h = await partyHarness({ features: ['notices', 'activities', 'party'], functions: { accounts, notices, activities, home } });
});
afterAll(() => h.close());

const RESIDENTS = ['txsj-resident-3', 'txsj-resident-3b', 'txsj-resident-5'];

/** Names a response shows as 党员: any object with partyBadge true (its name, or its author's). */
function badged(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => badged(x, out));
  else if (v && typeof v === 'object') {
    const o = v as Record<string, any>;
    if (o.partyBadge === true) out.add(String(o.name ?? o.author?.name ?? '?'));
    Object.values(o).forEach((x) => badged(x, out));
  }
  return out;
}

/** Every read a resident has that may show the badge, as one list of responses. */
async function crawl(who: string): Promise<unknown[]> {
  const c = h.as(who);
  const out: unknown[] = [];
  const inbox = await c.ok('notices', 'notices.list', { box: 'inbox', size: 50 });
  out.push(inbox);
  for (const n of inbox.items.slice(0, 20)) out.push(await c.ok('notices', 'notices.open', { noticeId: n.id }));
  out.push(await c.ok('home', 'home.get', {}));
  for (const box of ['open', 'mine'] as const) {
    const list = await c.ok('activities', 'activities.list', { box, size: 50 });
    out.push(list);
    for (const a of list.items.slice(0, 10)) out.push(await c.ok('activities', 'activities.get', { activityId: a.id }));
  }
  out.push(await c.ok('activities', 'activities.ranking', { compoundId: TXSJ }));
  out.push(await c.ok('activities', 'activities.hoursPage', {}));
  out.push(await c.ok('activities', 'activities.home', {}));
  const structure = await c.ok('party', 'party.structure', {});
  out.push(structure);
  // The structure page and the card name someone only when they are shown: count those as badges too.
  for (const p of [structure.community.people, structure.branch.people, ...structure.leads.map((l: any) => l.people)].flat())
    if (p.name) out.push({ partyBadge: true, name: p.name });
  const card = await c.ok('party', 'party.home', {});
  if (card.lead) out.push({ partyBadge: true, name: card.lead.name });
  return out;
}

it('a member who has not consented (张卫东) is never shown as 党员 to residents', async () => {
  const shown = new Set<string>();
  for (const who of RESIDENTS) for (const r of await crawl(who)) badged(r, shown);
  // The crawl sees badges (李秀英 and others consented) …
  expect(shown.size).toBeGreaterThan(0);
  expect(shown).toContain('李秀英');
  // … and never 张卫东's, though his notices and sign-ups were written before the demo withdrew it.
  expect(shown).not.toContain('张卫东');
});

it('withdrawing 亮身份 takes effect on everything already written; it is the member’s own and can be given again', async () => {
  const consented = (await h.db.collection('people').where({ partyMember: true, showPartyBadge: true }).limit(100).get()).data as {
    _id: string;
    openid: string;
    name: string;
  }[];
  expect(consented.length).toBeGreaterThan(0);
  for (const p of consented) await h.as(p.openid).ok('accounts', 'me.update', { showPartyBadge: false });
  const shown = new Set<string>();
  for (const who of RESIDENTS) for (const r of await crawl(who)) badged(r, shown);
  expect([...shown]).toEqual([]);
  // Given again by 李秀英 herself: she shows again.
  await h.as('txsj-lead-3').ok('accounts', 'me.update', { showPartyBadge: true });
  const again = new Set<string>();
  for (const r of await crawl('txsj-resident-3')) badged(r, again);
  expect(again).toContain('李秀英');
  // Someone who is not a member cannot turn it on.
  expect(await h.as('txsj-resident-3').call('accounts', 'me.update', { showPartyBadge: true })).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
});

it('a new member’s consent is off until they give it', async () => {
  const gen = (await h.db.collection('partyMembers').where({ compoundId: TXSJ }).limit(100).get()).data.find((m: any) =>
    m.personId.startsWith('p-gen-'),
  ) as any;
  const p = (await h.db.collection('people').where({ _id: gen.personId }).get()).data[0] as any;
  expect(p).toMatchObject({ partyMember: true, showPartyBadge: false });
});
