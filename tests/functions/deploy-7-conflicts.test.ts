/**
 * 7. Conflicts: a transaction conflict answered at COMMIT reaches `_shared/repo.ts`
 * as the server's raw `{ code: 'DATABASE_TRANSACTION_CONFLICT' }` (a string code, see
 * @cloudbase/database transaction/index.js) and must end as CONFLICT, never INTERNAL.
 */
import { main as fees } from '../../cloudfunctions/fees';
import { transaction } from '../../cloudfunctions/_shared/repo';
import { AppError } from '../../core/platform/errors';
import { createHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ fees: fees as any });
});
afterAll(() => h.close());

const write = (id: string) =>
  transaction(h.db, async (tx) => {
    await tx
      .collection('jobs')
      .doc(id)
      .set({ data: { kind: 'probe', state: 'done' } });
    return id;
  });

describe('7. a conflict at commit is CONFLICT', () => {
  test('one conflicting commit is retried and the write lands once', async () => {
    h.emu.faults.conflictOnCommit(1);
    await expect(write('probe-1')).resolves.toBe('probe-1');
    expect((await h.db.collection('jobs').where({ _id: 'probe-1' }).count()).total).toBe(1);
  });

  test('commits that keep conflicting answer CONFLICT (an AppError), and nothing is written', async () => {
    h.emu.faults.conflictOnCommit(100);
    const err = await write('probe-2').catch((e) => e);
    h.emu.faults.conflictOnCommit(0);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('CONFLICT');
    expect((await h.db.collection('jobs').where({ _id: 'probe-2' }).count()).total).toBe(0);
  });

  test('an AppError thrown inside the transaction is not taken for a conflict', async () => {
    const err = await transaction(h.db, async () => {
      throw new AppError('CONFLICT', '已被他人修改');
    }).catch((e) => e);
    expect((err as AppError).code).toBe('CONFLICT');
    const notFound = await transaction(h.db, async () => {
      throw new AppError('NOT_FOUND');
    }).catch((e) => e);
    expect((notFound as AppError).code).toBe('NOT_FOUND');
  });
});
