/**
 * 3. Cloud-call permissions: a function may make only the cloud calls its
 * permissions.openapi declares (the emulator refuses the others with -604101, as
 * production does when the permission was not registered), and
 * `npm run deploy -- --verify` names every refused one.
 */
import { main as notices } from '../../cloudfunctions/notices';
import { main as payCallback } from '../../cloudfunctions/payCallback';
import { planDeploy } from '../../scripts/lib/deploy-plan';
import { formatVerify, verifyPermissions } from '../../scripts/lib/deploy-verify';
import { readFunctionConfigs } from '../../scripts/lib/function-config';
import { createHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ notices: notices as any, payCallback: payCallback as any });
});
afterAll(() => h.close());

const probe = (fn: string, apis: string[], source = '') => h.emu.invoke(fn, { probe: 'openapi', apis }, { openid: '', source });

describe('3. cloud-call permissions', () => {
  test('a declared cloud call is allowed; an undeclared one is refused with -604101', async () => {
    expect(await probe('notices', ['subscribeMessage.send', 'security.msgSecCheck'])).toEqual({
      ok: true,
      data: [
        expect.objectContaining({ api: 'subscribeMessage.send', outcome: 'allowed' }),
        expect.objectContaining({ api: 'security.msgSecCheck', outcome: 'allowed' }),
      ],
    });
    expect(await probe('payCallback', ['subscribeMessage.send'])).toEqual({
      ok: true,
      data: [expect.objectContaining({ api: 'subscribeMessage.send', outcome: 'refused', errCode: -604101 })],
    });
    // The probe sent nothing to anyone.
    expect(
      h.emu.outbox.list({ kind: 'subscribeMessage.send' }).filter((m) => (m.payload as { touser: string }).touser.includes('probe')),
    ).toEqual([]);
  });

  test('a client cannot ask for a probe', async () => {
    expect(await probe('notices', ['subscribeMessage.send'], 'wx_client')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  test('--verify names every refused call, in the shape docs/deploy.md shows', async () => {
    // payCallback deployed without the permission its (imagined) config now declares.
    const functions = readFunctionConfigs()
      .filter((f) => f.name === 'notices' || f.name === 'payCallback')
      .map((f) => (f.name === 'payCallback' ? { ...f, permissions: { openapi: ['subscribeMessage.send'] } } : f));
    const plan = planDeploy(
      { envId: 'jinlin-test', version: '1.0.0', desc: 't', skipUpload: true },
      { functions, collections: [], checks: { templates: [], miniprogramState: 'formal', plugins: [], privacy: [] } },
    );
    const rows = await verifyPermissions(plan, async (name, params) => ({
      RetMsg: JSON.stringify(await h.emu.invoke(name, params, { openid: '', source: '' })),
    }));
    expect(rows).toEqual(
      expect.arrayContaining([
        { fn: 'notices', api: 'subscribeMessage.send', outcome: 'allowed', detail: expect.stringContaining('40037') },
        { fn: 'payCallback', api: 'subscribeMessage.send', outcome: 'refused', detail: expect.stringContaining('-604101') },
      ]),
    );
    const text = formatVerify('jinlin-test', rows);
    expect(text).toMatch(/^Cloud-call permissions in jinlin-test/);
    expect(text).toMatch(/payCallback\s+subscribeMessage\.send\s+REFUSED \(-604101\)/);
    expect(text).toMatch(/1 of \d+ cloud calls would fail for residents\./);
  });
});
