/** 记账员 (fees' ledger) is granted by the committee, and only by it. */
import { main as accounts } from '../../cloudfunctions/accounts';
import { createHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ accounts: accounts as any });
});
afterAll(() => h.close());

it('the committee grants 记账员; a lead, the branch secretary and a resident cannot; roles.list offers it to the committee only', async () => {
  const payload = { personId: 'p-txsj-resident-3', role: 'bookkeeper', compoundId: 'txsj' };
  for (const who of ['txsj-lead-3', 'txsj-secretary', 'txsj-resident-3']) {
    expect(await h.as(who).call('accounts', 'roles.grant', payload)).toMatchObject({ ok: false });
  }
  const granted = await h.as('txsj-committee').ok('accounts', 'roles.grant', payload);
  expect(granted).toMatchObject({ role: 'bookkeeper', compoundId: 'txsj' });
  const list = await h.as('txsj-committee').ok('accounts', 'roles.list', { compoundId: 'txsj' });
  expect(list.grantable).toContain('bookkeeper');
  const secretary = await h.as('txsj-secretary').ok('accounts', 'roles.list', { compoundId: 'txsj' });
  expect(secretary.grantable).not.toContain('bookkeeper');
});
