import { setup } from './helpers';
import { createEmulator } from '../../emulator';

describe('unique indexes', () => {
  const { emu, db, _ } = setup();
  afterAll(() => emu.close());

  test('add violating a unique index is rejected with duplicate key and writes nothing', async () => {
    await db.collection('accounts').add({ data: { phone: '138', name: 'A' } });
    const err = await db.collection('accounts').add({ data: { phone: '138', name: 'B' } }).catch((e: any) => e);
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
    await expect(db.collection('accounts').doc(_id).update({ data: { phone: '138', name: 'X' } })).rejects.toMatchObject({ errCode: -502001 });
    await expect(db.collection('accounts').doc(_id).set({ data: { phone: '138' } })).rejects.toMatchObject({ errCode: -502001 });
    expect((await db.collection('accounts').doc(_id).get()).data).toEqual({ _id, phone: '139', name: 'C' });
  });

  test('a multi-document update is all-or-nothing when one document would collide', async () => {
    await db.collection('accounts').add({ data: { phone: '200', grp: 'g' } });
    await db.collection('accounts').add({ data: { phone: '201', grp: 'g' } });
    await expect(db.collection('accounts').where({ grp: 'g' }).update({ data: { phone: '999' } })).rejects.toMatchObject({ errCode: -502001 });
    const left = await db.collection('accounts').where({ grp: 'g' }).orderBy('phone', 'asc').get();
    expect(left.data.map((d: any) => d.phone)).toEqual(['200', '201']);
    // ...while a non-colliding multi update goes through
    await db.collection('accounts').where({ grp: 'g' }).update({ data: { seen: _.inc(1) } });
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
      homes.push({ compoundId: 'c' + (i % 10), room: 'r' + i, ownerOpenid: 'o' + (i % 2500), tags: i % 100 === 0 ? ['corner', 'top'] : ['mid'] });
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
      db.collection('homes').where({ ownerOpenid: _.in(['o1', 'o2', 'o3']), room: _.neq('r1') }).get(),
    );
    expect(m.result.data.map((d: any) => d.room).sort()).toEqual(['r2', 'r2501', 'r2502', 'r3', 'r2503'].sort());
    expect(m.scanned).toBe(6);
  });

  test('multikey: an array field is indexed element by element', async () => {
    const m = await emu.measure(() => db.collection('homes').where({ tags: 'corner' }).limit(1000).get());
    expect(m.result.data).toHaveLength(50);
    expect(m.scanned).toBe(50);
  });

  test('first key of a compound index inside _.and uses the index', async () => {
    const m = await emu.measure(() => db.collection('homes').where(_.and([{ compoundId: 'c3' }, { room: 'r13' }])).get());
    expect(m.result.data).toHaveLength(1);
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
    await db.collection('homes').where({ ownerOpenid: 'o8' }).update({ data: { ownerOpenid: 'moved' } });
    expect((await db.collection('homes').where({ ownerOpenid: 'o8' }).get()).data).toHaveLength(0);
    const m = await emu.measure(() => db.collection('homes').where({ ownerOpenid: 'moved' }).get());
    expect(m.result.data).toHaveLength(2);
    expect(m.scanned).toBe(2);
    await db.collection('homes').where({ ownerOpenid: 'moved' }).remove();
    expect((await emu.measure(() => db.collection('homes').where({ ownerOpenid: 'moved' }).get())).scanned).toBe(0);
  });
});
