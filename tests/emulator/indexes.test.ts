import fs from 'fs';
import os from 'os';
import path from 'path';
import Database from 'better-sqlite3';
import { setup } from './helpers';
import { createEmulator, type CollectionSpec } from '../../emulator';

describe('unique indexes', () => {
  const { emu, db, _ } = setup();
  afterAll(() => emu.close());

  test('add violating a unique index is rejected with duplicate key and writes nothing', async () => {
    await db.collection('accounts').add({ data: { phone: '138', name: 'A' } });
    const err = await db
      .collection('accounts')
      .add({ data: { phone: '138', name: 'B' } })
      .catch((e: any) => e);
    expect(err.errCode).toBe(-502001);
    expect(err.errMsg).toMatch(/duplicate key.*by_phone/);
    expect((await db.collection('accounts').where({ phone: '138' }).get()).data.map((d: any) => d.name)).toEqual(['A']);
  });

  test('compound unique index: same room in another compound is fine, same pair is not', async () => {
    await db.collection('homes').add({ data: { compoundId: 'c1', room: '1-101' } });
    await db.collection('homes').add({ data: { compoundId: 'c2', room: '1-101' } });
    await expect(db.collection('homes').add({ data: { compoundId: 'c1', room: '1-101' } })).rejects.toMatchObject({ errCode: -502001 });
    expect((await db.collection('homes').count()).total).toBe(2);
  });

  test('set and update that would collide are rejected and leave the document unchanged', async () => {
    const { _id } = await db.collection('accounts').add({ data: { phone: '139', name: 'C' } });
    await expect(
      db
        .collection('accounts')
        .doc(_id)
        .update({ data: { phone: '138', name: 'X' } }),
    ).rejects.toMatchObject({ errCode: -502001 });
    await expect(
      db
        .collection('accounts')
        .doc(_id)
        .set({ data: { phone: '138' } }),
    ).rejects.toMatchObject({ errCode: -502001 });
    expect((await db.collection('accounts').doc(_id).get()).data).toEqual({ _id, phone: '139', name: 'C' });
  });

  test('a multi-document update is all-or-nothing when one document would collide', async () => {
    await db.collection('accounts').add({ data: { phone: '200', grp: 'g' } });
    await db.collection('accounts').add({ data: { phone: '201', grp: 'g' } });
    await expect(
      db
        .collection('accounts')
        .where({ grp: 'g' })
        .update({ data: { phone: '999' } }),
    ).rejects.toMatchObject({ errCode: -502001 });
    const left = await db.collection('accounts').where({ grp: 'g' }).orderBy('phone', 'asc').get();
    expect(left.data.map((d: any) => d.phone)).toEqual(['200', '201']);
    // ...while a non-colliding multi update goes through
    await db
      .collection('accounts')
      .where({ grp: 'g' })
      .update({ data: { seen: _.inc(1) } });
    expect((await db.collection('accounts').where({ seen: 1 }).count()).total).toBe(2);
  });

  test('a unique index that existing data violates fails when declared', () => {
    const e = createEmulator({ dataDir: ':memory:', collections: [{ name: 'x', indexes: [] }] });
    e.seed('x', [{ k: 1 }, { k: 1 }]);
    expect(() => e.store.declareCollection({ name: 'x', indexes: [{ name: 'u', keys: { k: 1 }, unique: true }] })).toThrow(/duplicate key/);
    e.close();
  });
});

describe('index-assisted reads touch only matching rows', () => {
  const { emu, db, _ } = setup();
  beforeAll(() => {
    const homes = [];
    for (let i = 0; i < 5000; i++) {
      homes.push({
        compoundId: 'c' + (i % 10),
        room: 'r' + i,
        ownerOpenid: 'o' + (i % 2500),
        tags: i % 100 === 0 ? ['corner', 'top'] : ['mid'],
      });
    }
    emu.seed('homes', homes);
  });
  afterAll(() => emu.close());

  test('equality on the first key of an index scans only the matches', async () => {
    const m = await emu.measure(() => db.collection('homes').where({ ownerOpenid: 'o7' }).get());
    expect(m.result.data).toHaveLength(2);
    expect(m).toMatchObject({ queries: 1, reads: 2, scanned: 2 });
  });

  test('$in on an indexed field, combined with other conditions', async () => {
    const m = await emu.measure(() =>
      db
        .collection('homes')
        .where({ ownerOpenid: _.in(['o1', 'o2', 'o3']), room: _.neq('r1') })
        .get(),
    );
    expect(m.result.data.map((d: any) => d.room).sort()).toEqual(['r2', 'r2501', 'r2502', 'r3', 'r2503'].sort());
    expect(m.scanned).toBe(6);
  });

  test('multikey: an array field is indexed element by element', async () => {
    const m = await emu.measure(() => db.collection('homes').where({ tags: 'corner' }).limit(1000).get());
    expect(m.result.data).toHaveLength(50);
    expect(m.scanned).toBe(50);
  });

  test('both keys of a compound index inside _.and use the whole index', async () => {
    const m = await emu.measure(() =>
      db
        .collection('homes')
        .where(_.and([{ compoundId: 'c3' }, { room: 'r13' }]))
        .get(),
    );
    expect(m.result.data).toHaveLength(1);
    expect(m.scanned).toBe(1);
  });

  test('the first key of a compound index alone uses its prefix', async () => {
    const m = await emu.measure(() => db.collection('homes').where({ compoundId: 'c3' }).limit(1000).get());
    expect(m.result.data).toHaveLength(500);
    expect(m.scanned).toBe(500);
  });

  test('doc(id) reads one row', async () => {
    const [one] = (await db.collection('homes').where({ ownerOpenid: 'o9' }).limit(1).get()).data;
    const m = await emu.measure(() => db.collection('homes').doc(one._id).get());
    expect(m).toMatchObject({ reads: 1, scanned: 1 });
  });

  test('the second key of a compound index alone is NOT indexed (as in production) → collection scan', async () => {
    const m = await emu.measure(() => db.collection('homes').where({ room: 'r42' }).get());
    expect(m.result.data).toHaveLength(1);
    expect(m.scanned).toBe(5000);
  });

  test('the index stays correct after updates and removals', async () => {
    await db
      .collection('homes')
      .where({ ownerOpenid: 'o8' })
      .update({ data: { ownerOpenid: 'moved' } });
    expect((await db.collection('homes').where({ ownerOpenid: 'o8' }).get()).data).toHaveLength(0);
    const m = await emu.measure(() => db.collection('homes').where({ ownerOpenid: 'moved' }).get());
    expect(m.result.data).toHaveLength(2);
    expect(m.scanned).toBe(2);
    await db.collection('homes').where({ ownerOpenid: 'moved' }).remove();
    expect((await emu.measure(() => db.collection('homes').where({ ownerOpenid: 'moved' }).get())).scanned).toBe(0);
  });
});

describe('compound indexes: equality keys, then a range or the sort', () => {
  // A vote roll: 3 matters × 3,000 owners, indexed by (matterId, sort); events by (compoundId, at desc).
  const emu = createEmulator({
    dataDir: ':memory:',
    collections: [
      { name: 'roll', indexes: [{ name: 'by_matter_sort', keys: { matterId: 1, sort: 1 } }] },
      { name: 'events', indexes: [{ name: 'by_compound_at', keys: { compoundId: 1, at: -1 } }] },
      { name: 'nums', indexes: [{ name: 'by_v', keys: { v: 1 } }] },
    ],
  });
  const db = emu.sdk.database();
  const _ = db.command;
  const T0 = Date.UTC(2026, 0, 1);
  beforeAll(() => {
    const roll = [];
    for (let i = 0; i < 9000; i++)
      roll.push({
        _id: `r${String(i).padStart(5, '0')}`,
        matterId: 'm' + (i % 3),
        sort: String(Math.floor(i / 3)).padStart(5, '0'),
        voted: i % 2 === 0,
      });
    emu.seed('roll', roll);
    const events = [];
    for (let i = 0; i < 4000; i++) events.push({ compoundId: 'c' + (i % 4), at: new Date(T0 + i * 60_000), n: i });
    emu.seed('events', events);
    emu.seed(
      'nums',
      [-1e9, -5.5, -1, -0.25, 0, 0.5, 2, 2.5, 10, 1e12, 'text', null].map((v, i) => ({ v, i })),
    );
  });
  afterAll(() => emu.close());

  test('equality on the first key and a range on the second scan only the range asked for', async () => {
    const m = await emu.measure(() =>
      db
        .collection('roll')
        .where({ matterId: 'm1', sort: _.gt('01000') })
        .orderBy('sort', 'asc')
        .limit(100)
        .get(),
    );
    expect(m.result.data.map((d: any) => d.sort)).toEqual(Array.from({ length: 100 }, (_x, i) => String(1001 + i).padStart(5, '0')));
    expect(m.result.data.every((d: any) => d.matterId === 'm1')).toBe(true);
    expect(m.scanned).toBe(100);
  });

  test('a bounded range without a sort loads exactly the rows in it', async () => {
    const m = await emu.measure(() =>
      db
        .collection('roll')
        .where({ matterId: 'm2', sort: _.gte('00100').and(_.lt('00200')) })
        .limit(1000)
        .get(),
    );
    expect(m.result.data).toHaveLength(100);
    expect(m.scanned).toBe(100);
  });

  test('other conditions filter the range; the batch cursor pattern reads one batch per call', async () => {
    // what a job does: the next batch after the last sort key, in index order
    let after = '';
    let voted = 0;
    let scanned = 0;
    for (;;) {
      const m = await emu.measure(() =>
        db
          .collection('roll')
          .where({ matterId: 'm0', sort: _.gt(after) })
          .orderBy('sort', 'asc')
          .limit(1000)
          .get(),
      );
      scanned += m.scanned;
      expect(m.scanned).toBeLessThanOrEqual(1000);
      if (!m.result.data.length) break;
      voted += m.result.data.filter((d: any) => d.voted).length;
      after = m.result.data[m.result.data.length - 1].sort;
    }
    expect(voted).toBe(1500);
    expect(scanned).toBe(3000);
  });

  test('the index gives the sort order, forwards or reversed, and reading stops at the limit', async () => {
    const desc = await emu.measure(() => db.collection('events').where({ compoundId: 'c1' }).orderBy('at', 'desc').limit(10).get());
    expect(desc.result.data.map((d: any) => d.n)).toEqual(Array.from({ length: 10 }, (_x, i) => 3997 - 4 * i));
    expect(desc.scanned).toBe(10);
    const asc = await emu.measure(() => db.collection('events').where({ compoundId: 'c1' }).orderBy('at', 'asc').skip(5).limit(5).get());
    expect(asc.result.data.map((d: any) => d.n)).toEqual([21, 25, 29, 33, 37]);
    expect(asc.scanned).toBe(10);
  });

  test('a date range on the second key with the sort', async () => {
    const m = await emu.measure(() =>
      db
        .collection('events')
        .where({ compoundId: 'c2', at: _.lt(new Date(T0 + 2000 * 60_000)) })
        .orderBy('at', 'desc')
        .limit(3)
        .get(),
    );
    expect(m.result.data.map((d: any) => d.n)).toEqual([1998, 1994, 1990]);
    expect(m.scanned).toBe(3);
  });

  test('a sort the index cannot give, or $in on the prefix, loads every match of the prefix', async () => {
    const other = await emu.measure(() => db.collection('events').where({ compoundId: 'c1' }).orderBy('n', 'desc').limit(10).get());
    expect(other.result.data[0].n).toBe(3997);
    expect(other.scanned).toBe(1000);
    const inPrefix = await emu.measure(() =>
      db
        .collection('events')
        .where({ compoundId: _.in(['c1', 'c2']) })
        .orderBy('at', 'desc')
        .limit(10)
        .get(),
    );
    expect(inPrefix.result.data.map((d: any) => d.n)).toEqual([3998, 3997, 3994, 3993, 3990, 3989, 3986, 3985, 3982, 3981]);
    expect(inPrefix.scanned).toBe(2000);
  });

  test('the second key alone still scans the collection (prefix rule)', async () => {
    const m = await emu.measure(() => db.collection('roll').where({ sort: '00042' }).get());
    expect(m.result.data).toHaveLength(3);
    expect(m.scanned).toBe(9000);
  });

  test('number ranges follow numeric order, negative and fractional, and stay in their type', async () => {
    const m = await emu.measure(() =>
      db
        .collection('nums')
        .where({ v: _.gt(-1).and(_.lte(2.5)) })
        .orderBy('v', 'asc')
        .get(),
    );
    expect(m.result.data.map((d: any) => d.v)).toEqual([-0.25, 0, 0.5, 2, 2.5]);
    expect(m.scanned).toBe(5);
    const all = await db
      .collection('nums')
      .where({ v: _.gte(-1e10) })
      .orderBy('v', 'desc')
      .get();
    expect(all.data.map((d: any) => d.v)).toEqual([1e12, 10, 2.5, 2, 0.5, 0, -0.25, -1, -5.5, -1e9]);
  });

  test('a date range still finds a document after an update (updated documents carry Dates of another realm)', async () => {
    const { _id } = await db.collection('events').add({ data: { compoundId: 'c9', at: new Date(T0), n: -1 } });
    await db
      .collection('events')
      .doc(_id)
      .update({ data: { n: -2 } });
    const m = await emu.measure(() =>
      db
        .collection('events')
        .where({ compoundId: 'c9', at: _.lte(new Date(T0 + 1)) })
        .get(),
    );
    expect(m.result.data.map((d: any) => d.n)).toEqual([-2]);
    expect(m.scanned).toBe(1);
  });

  test('SQLite walks the index in order and stops with the reader: no sort of the whole range', async () => {
    // Rows scanned count what the store decodes; SQLite must not do more out of sight. A
    // sorted batch ({matterId, sort > cursor}, limit) once sorted the rest of the roll
    // before its first row: 1,000 rows scanned, 2.5 s at a 300,000-entry roll.
    const plan = (q: object, order?: Record<string, 1 | -1>, want = Infinity) => emu.store.planner.sqlPlan('roll', q, order, want);
    const noSort = (steps: string[]) => expect(steps.filter((d) => /TEMP B-TREE/.test(d))).toEqual([]);
    noSort(plan({ matterId: 'm1', sort: { $gt: '01000' } }, { sort: 1 }, 1000));
    noSort(plan({ matterId: 'm1' }, { sort: -1 }, 10));
    noSort(emu.store.planner.sqlPlan('events', { compoundId: 'c1' }, { at: -1 }, 10));
    // no sort and a limit: the index order, stopping at the limit
    noSort(plan({ matterId: 'm1' }, undefined, 5));
    const m = await emu.measure(() => db.collection('roll').where({ matterId: 'm1' }).limit(5).get());
    expect(m.result.data.map((d: any) => d.sort)).toEqual(['00000', '00001', '00002', '00003', '00004']);
    expect(m.scanned).toBe(5);
    // a collection scan with a limit stops too
    noSort(emu.store.planner.sqlPlan('roll', { voted: true }, undefined, 3));
    const scan = await emu.measure(() => db.collection('roll').where({ voted: true }).limit(3).get());
    expect(scan.result.data).toHaveLength(3);
    expect(scan.scanned).toBe(5);
  });

  test('a count the index holds walks index entries only, and they count as scanned', async () => {
    const covered = await emu.measure(() =>
      db
        .collection('roll')
        .where({ matterId: 'm2', sort: _.gte('00100').and(_.lt('00300')) })
        .count(),
    );
    expect(covered.result.total).toBe(200);
    expect(covered.scanned).toBe(200);
    expect(covered.reads).toBe(0);
    // a condition outside the index: the documents are read and filtered
    const filtered = await emu.measure(() => db.collection('roll').where({ matterId: 'm2', voted: true }).count());
    expect(filtered.result.total).toBe(1500);
    expect(filtered.scanned).toBe(3000);
    const byIn = await emu.measure(() =>
      db
        .collection('roll')
        .where({ matterId: _.in(['m0', 'm1']) })
        .count(),
    );
    expect(byIn.result.total).toBe(6000);
    expect(byIn.scanned).toBe(6000);
  });

  test('an _id range in _id order reads only the page', async () => {
    const m = await emu.measure(() =>
      db
        .collection('roll')
        .where({ _id: _.gt('r04000') })
        .orderBy('_id', 'asc')
        .limit(50)
        .get(),
    );
    expect(m.result.data[0]._id).toBe('r04001');
    expect(m.result.data).toHaveLength(50);
    expect(m.scanned).toBe(50);
  });
});

describe('a data dir written before the index kept rid', () => {
  test('rebuilds its side index on open and answers indexed reads in order', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-ix-'));
    const collections: CollectionSpec[] = [{ name: 'roll', indexes: [{ name: 'by_matter_sort', keys: { matterId: 1, sort: 1 } }] }];
    const first = createEmulator({ dataDir: dir, collections, durability: 'normal' });
    first.seed(
      'roll',
      ['03', '01', '02'].map((sort) => ({ matterId: 'm', sort })),
    );
    first.close();
    // the old layout: `_ix` without `rid`, empty
    const raw = new Database(path.join(dir, 'db.sqlite'));
    raw.exec(
      'DROP TABLE _ix; CREATE TABLE _ix(coll TEXT NOT NULL, idx TEXT NOT NULL, k1 TEXT NOT NULL, k2 TEXT, k3 TEXT, k4 TEXT, kfull TEXT NOT NULL, id TEXT NOT NULL, uniq INTEGER NOT NULL);',
    );
    raw.close();
    const again = createEmulator({ dataDir: dir, collections, durability: 'normal' });
    const db = again.sdk.database();
    const m = await again.measure(() => db.collection('roll').where({ matterId: 'm' }).orderBy('sort', 'asc').limit(2).get());
    expect(m.result.data.map((d: any) => d.sort)).toEqual(['01', '02']);
    expect(m.scanned).toBe(2);
    again.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
