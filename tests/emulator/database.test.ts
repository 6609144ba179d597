import { setup } from './helpers';
import { DEFAULT_LIMIT, MAX_LIMIT, AGGREGATE_DEFAULT_LIMIT } from '../../emulator';

describe('database: limits and result shapes', () => {
  const { emu, db } = setup();
  beforeAll(() => {
    emu.seed(
      'items',
      Array.from({ length: 1200 }, (_, i) => ({ n: i, even: i % 2 === 0 })),
    );
  });
  afterAll(() => emu.close());

  test('get() without limit returns 100 docs (production default)', async () => {
    const r = await db.collection('items').get();
    expect(r.data).toHaveLength(DEFAULT_LIMIT);
    expect(r.errMsg).toBe('collection.get:ok');
  });

  test('limit() above 1000 is capped at 1000, as the SDK does (no error)', async () => {
    const r = await db.collection('items').limit(5000).get();
    expect(r.data).toHaveLength(MAX_LIMIT);
    const r2 = await db.collection('items').limit(1000).get();
    expect(r2.data).toHaveLength(1000);
  });

  test('skip + limit + orderBy page through in order', async () => {
    const r = await db.collection('items').orderBy('n', 'desc').skip(10).limit(5).get();
    expect(r.data.map((d: any) => d.n)).toEqual([1189, 1188, 1187, 1186, 1185]);
  });

  test('count() counts everything (not capped)', async () => {
    expect(await db.collection('items').count()).toEqual({ total: 1200, errMsg: 'collection.count:ok' });
    expect((await db.collection('items').where({ even: true }).count()).total).toBe(600);
  });

  test('aggregate() without $limit returns 20; with limit() more', async () => {
    const $ = db.command.aggregate;
    const r = await db.collection('items').aggregate().project({ n: 1 }).end();
    expect(r.list).toHaveLength(AGGREGATE_DEFAULT_LIMIT);
    expect(r.errMsg).toBe('collection.aggregate:ok');
    const g = await db
      .collection('items')
      .aggregate()
      .match({ n: db.command.lt(10) })
      .group({ _id: '$even', total: $.sum('$n'), c: $.sum(1) })
      .sort({ _id: 1 })
      .limit(10)
      .end();
    expect(g.list).toEqual([
      { _id: false, total: 1 + 3 + 5 + 7 + 9, c: 5 },
      { _id: true, total: 0 + 2 + 4 + 6 + 8, c: 5 },
    ]);
  });
});

describe('database: documents', () => {
  const { emu, db, _ } = setup();
  afterAll(() => emu.close());

  test('add generates a 32-hex _id and does NOT set _openid from a function', async () => {
    const r = await emu.runAs({ openid: 'o-user' }, () => db.collection('items').add({ data: { a: 1 } }));
    expect(r._id).toMatch(/^[0-9a-f]{32}$/);
    expect(r.errMsg).toBe('collection.add:ok');
    const { data } = await db.collection('items').doc(r._id).get();
    expect(data).toEqual({ _id: r._id, a: 1 });
    expect(data._openid).toBeUndefined();
  });

  test('add with a given _id keeps it; a second add with the same _id is a duplicate key', async () => {
    await db.collection('items').add({ data: { _id: 'fixed', a: 1 } });
    await expect(db.collection('items').add({ data: { _id: 'fixed', a: 2 } })).rejects.toMatchObject({ errCode: -502001 });
    expect((await db.collection('items').doc('fixed').get()).data.a).toBe(1);
  });

  test('doc(id).get() of a missing doc rejects like production', async () => {
    await expect(db.collection('items').doc('missing').get()).rejects.toMatchObject({
      errCode: -1,
      errMsg: 'document.get:fail document with _id missing does not exist',
    });
  });

  test('an undeclared collection does not exist (-502005) until created', async () => {
    await expect(db.collection('ghosts').get()).rejects.toMatchObject({ errCode: -502005 });
    await expect(db.collection('ghosts').add({ data: { a: 1 } })).rejects.toMatchObject({ errCode: -502005 });
    await db.createCollection('ghosts');
    expect((await db.collection('ghosts').get()).data).toEqual([]);
  });

  test('update merges nested objects; _.set replaces them', async () => {
    const { _id } = await db.collection('items').add({ data: { profile: { name: 'A', phone: '1', addr: { b: 1, u: 2 } } } });
    await db
      .collection('items')
      .doc(_id)
      .update({ data: { profile: { name: 'B', addr: { u: 3 } } } });
    expect((await db.collection('items').doc(_id).get()).data.profile).toEqual({ name: 'B', phone: '1', addr: { b: 1, u: 3 } });
    await db
      .collection('items')
      .doc(_id)
      .update({ data: { profile: _.set({ name: 'C' }) } });
    expect((await db.collection('items').doc(_id).get()).data.profile).toEqual({ name: 'C' });
  });

  test('set replaces the whole document and upserts; stats follow production', async () => {
    const r1 = await db
      .collection('items')
      .doc('s1')
      .set({ data: { a: 1, b: { c: 1 } } });
    expect(r1).toMatchObject({ _id: 's1', stats: { updated: 0, created: 1 }, errMsg: 'document.set:ok' });
    const r2 = await db
      .collection('items')
      .doc('s1')
      .set({ data: { z: 1 } });
    expect(r2.stats).toEqual({ updated: 1, created: 0 });
    expect((await db.collection('items').doc('s1').get()).data).toEqual({ _id: 's1', z: 1 });
  });

  test('update of a missing doc updates 0; unchanged values update 0 (Mongo nModified)', async () => {
    expect(
      (
        await db
          .collection('items')
          .doc('nope')
          .update({ data: { a: 1 } })
      ).stats.updated,
    ).toBe(0);
    await db
      .collection('items')
      .doc('u1')
      .set({ data: { a: 1 } });
    expect(
      (
        await db
          .collection('items')
          .doc('u1')
          .update({ data: { a: 1 } })
      ).stats.updated,
    ).toBe(0);
    expect(
      (
        await db
          .collection('items')
          .doc('u1')
          .update({ data: { a: 2 } })
      ).stats.updated,
    ).toBe(1);
  });

  test('where().update() / remove() act on all matches and report counts', async () => {
    await db.collection('items').add({ data: { grp: 'w', v: 1 } });
    await db.collection('items').add({ data: { grp: 'w', v: 2 } });
    await db.collection('items').add({ data: { grp: 'x', v: 3 } });
    const u = await db
      .collection('items')
      .where({ grp: 'w' })
      .update({ data: { v: _.inc(10) } });
    expect(u).toEqual({ stats: { updated: 2 }, errMsg: 'collection.update:ok' });
    const got = await db.collection('items').where({ grp: 'w' }).orderBy('v', 'asc').get();
    expect(got.data.map((d: any) => d.v)).toEqual([11, 12]);
    const r = await db
      .collection('items')
      .where({ grp: _.in(['w', 'x']) })
      .remove();
    expect(r).toEqual({ stats: { removed: 3 }, errMsg: 'collection.remove:ok' });
    const d = await db.collection('items').doc('u1').remove();
    expect(d.stats.removed).toBe(1);
  });

  test('Dates and serverDate round-trip as Dates; field() projects', async () => {
    const before = Date.now();
    const { _id } = await db
      .collection('items')
      .add({ data: { at: new Date(86400000), now: db.serverDate(), later: db.serverDate({ offset: 60000 }), x: 1 } });
    const { data } = await db.collection('items').doc(_id).get();
    expect(data.at).toEqual(new Date(86400000));
    expect(data.now).toBeInstanceOf(Date);
    expect(data.now.getTime()).toBeGreaterThanOrEqual(before);
    expect(data.later.getTime() - data.now.getTime()).toBeGreaterThanOrEqual(59000);
    const q = await db
      .collection('items')
      .where({ at: _.lt(new Date(86400001)) })
      .field({ at: true })
      .get();
    expect(q.data).toEqual([{ _id, at: new Date(86400000) }]);
    const u = await db
      .collection('items')
      .where({ now: _.lte(db.serverDate()), x: 1 })
      .count();
    expect(u.total).toBe(1);
  });
});

describe('database: query operators (table)', () => {
  const { emu, db, _ } = setup();
  const docs = [
    {
      _id: 'a',
      n: 1,
      s: 'apple',
      tags: ['x', 'y'],
      o: { p: 1, q: 'k' },
      arr: [
        { k: 1, v: 'a' },
        { k: 2, v: 'b' },
      ],
      maybe: null,
    },
    { _id: 'b', n: 5, s: 'Banana', tags: ['y'], o: { p: 2, q: 'k' }, arr: [{ k: 3, v: 'c' }] },
    { _id: 'c', n: 10, s: 'cherry', tags: [], o: { p: 3 }, arr: [] },
  ];
  beforeAll(() => emu.seed('items', docs));
  afterAll(() => emu.close());

  const cases: [string, () => any, string[]][] = [
    ['eq (plain)', () => ({ n: 5 }), ['b']],
    ['eq', () => ({ n: _.eq(5) }), ['b']],
    ['neq', () => ({ n: _.neq(5) }), ['a', 'c']],
    ['gt', () => ({ n: _.gt(1) }), ['b', 'c']],
    ['gte', () => ({ n: _.gte(5) }), ['b', 'c']],
    ['lt', () => ({ n: _.lt(5) }), ['a']],
    ['lte', () => ({ n: _.lte(5) }), ['a', 'b']],
    ['in', () => ({ n: _.in([1, 10]) }), ['a', 'c']],
    ['nin', () => ({ n: _.nin([1, 10]) }), ['b']],
    ['and (chained)', () => ({ n: _.gt(1).and(_.lt(10)) }), ['b']],
    ['_.and', () => _.and([{ n: _.gt(1) }, { n: _.lt(10) }]), ['b']],
    ['or (chained)', () => ({ n: _.lt(2).or(_.gt(9)) }), ['a', 'c']],
    ['_.or', () => _.or([{ n: 1 }, { s: 'cherry' }]), ['a', 'c']],
    ['nor', () => _.nor([{ n: 1 }, { n: 5 }]), ['c']],
    ['not', () => ({ n: _.not(_.gt(1)) }), ['a']],
    ['exists true', () => ({ maybe: _.exists(true) }), ['a']],
    ['exists false', () => ({ maybe: _.exists(false) }), ['b', 'c']],
    ['nested object (flattened to dot path)', () => ({ o: { q: 'k' } }), ['a', 'b']],
    ['dot path', () => ({ 'o.p': _.gte(2) }), ['b', 'c']],
    ['array contains', () => ({ tags: 'y' }), ['a', 'b']],
    ['all', () => ({ tags: _.all(['x', 'y']) }), ['a']],
    ['size', () => ({ tags: _.size(0) }), ['c']],
    ['elemMatch', () => ({ arr: _.elemMatch({ k: _.gte(2), v: 'b' }) }), ['a']],
    ['array of docs dot path', () => ({ 'arr.k': 3 }), ['b']],
    ['mod', () => ({ n: _.mod([5, 0]) }), ['b', 'c']],
    ['db.RegExp (case-insensitive)', () => ({ s: db.RegExp({ regexp: '^b', options: 'i' }) }), ['b']],
    ['JS RegExp', () => ({ s: /rr/ }), ['c']],
    ['null matches null and missing', () => ({ maybe: null }), ['a', 'b', 'c']],
  ];

  test.each(cases)('%s', async (_name, where, expected) => {
    const r = await db.collection('items').where(where()).orderBy('_id', 'asc').get();
    expect(r.data.map((d: any) => d._id)).toEqual(expected);
  });
});

describe('database: update operators (table)', () => {
  const { emu, db, _ } = setup();
  afterAll(() => emu.close());
  const base = () => ({ n: 2, s: 'x', arr: [1, 2, 3], objs: [{ k: 1 }, { k: 2 }], o: { a: 1, b: 2 }, old: 'name' });

  const cases: [string, () => any, (d: any) => void][] = [
    ['set field', () => ({ s: 'y' }), (d) => expect(d.s).toBe('y')],
    ['nested merge', () => ({ o: { b: 3 } }), (d) => expect(d.o).toEqual({ a: 1, b: 3 })],
    ['_.set replaces', () => ({ o: _.set({ c: 1 }) }), (d) => expect(d.o).toEqual({ c: 1 })],
    ['dot path set', () => ({ 'o.c': 9 }), (d) => expect(d.o).toEqual({ a: 1, b: 2, c: 9 })],
    ['inc', () => ({ n: _.inc(3) }), (d) => expect(d.n).toBe(5)],
    ['inc negative', () => ({ n: _.inc(-2) }), (d) => expect(d.n).toBe(0)],
    ['mul', () => ({ n: _.mul(4) }), (d) => expect(d.n).toBe(8)],
    ['min', () => ({ n: _.min(1) }), (d) => expect(d.n).toBe(1)],
    ['max', () => ({ n: _.max(7) }), (d) => expect(d.n).toBe(7)],
    ['remove', () => ({ s: _.remove() }), (d) => expect('s' in d).toBe(false)],
    ['rename', () => ({ old: _.rename('fresh') }), (d) => expect([d.old, d.fresh]).toEqual([undefined, 'name'])],
    ['push', () => ({ arr: _.push([4, 5]) }), (d) => expect(d.arr).toEqual([1, 2, 3, 4, 5])],
    [
      'push with position/slice/sort',
      () => ({ arr: _.push({ each: [0], position: 0, sort: -1, slice: 2 }) }),
      (d) => expect(d.arr).toEqual([3, 2]),
    ],
    ['pop', () => ({ arr: _.pop() }), (d) => expect(d.arr).toEqual([1, 2])],
    ['shift', () => ({ arr: _.shift() }), (d) => expect(d.arr).toEqual([2, 3])],
    ['unshift', () => ({ arr: _.unshift([0]) }), (d) => expect(d.arr).toEqual([0, 1, 2, 3])],
    ['addToSet (present)', () => ({ arr: _.addToSet(2) }), (d) => expect(d.arr).toEqual([1, 2, 3])],
    ['addToSet (new)', () => ({ arr: _.addToSet(9) }), (d) => expect(d.arr).toEqual([1, 2, 3, 9])],
    ['pull value', () => ({ arr: _.pull(2) }), (d) => expect(d.arr).toEqual([1, 3])],
    ['pull condition', () => ({ arr: _.pull(_.gte(2)) }), (d) => expect(d.arr).toEqual([1])],
    ['pull sub-doc', () => ({ objs: _.pull({ k: 1 }) }), (d) => expect(d.objs).toEqual([{ k: 2 }])],
    ['pullAll', () => ({ arr: _.pullAll([1, 3]) }), (d) => expect(d.arr).toEqual([2])],
    ['serverDate', () => ({ at: db.serverDate() }), (d) => expect(d.at).toBeInstanceOf(Date)],
    ['array element by index', () => ({ 'objs.1.k': 7 }), (d) => expect(d.objs).toEqual([{ k: 1 }, { k: 7 }])],
  ];

  test.each(cases)('%s', async (name, data, check) => {
    const id = 'u-' + name.replace(/\W+/g, '-');
    await db.collection('items').doc(id).set({ data: base() });
    const r = await db.collection('items').doc(id).update({ data: data() });
    expect(r.errMsg).toBe('document.update:ok');
    check((await db.collection('items').doc(id).get()).data);
  });

  test('changing _id is refused', async () => {
    await db
      .collection('items')
      .doc('imm')
      .set({ data: { a: 1 } });
    await expect(
      db
        .collection('items')
        .doc('imm')
        .update({ data: { _id: 'other' } }),
    ).rejects.toThrow();
  });
});
