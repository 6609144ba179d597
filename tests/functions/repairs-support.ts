/**
 * Shared by the repairs function suites: a harness with the repairs demo (钱国华,
 * 御家兰庭's staff member, comes from scripts/lib/seed-repairs.ts) plus a second
 * staff member, uploads into a person's own folder, and the image-check push.
 *
 * The console sends wxa_media_check to ONE function; today that is `notices`. Here
 * the emulator's push target forwards to repairs, as a shared dispatcher would.
 */
import { main as repairs } from '../../cloudfunctions/repairs';
import { createHarness, type Harness } from '../support/harness';

export const STAFF = 'p-yjlt-staff';
export const STAFF2 = 'p-yjlt-staff2';

export async function repairsHarness(opts: { clockStart?: Date } = {}): Promise<Harness> {
  const h = await createHarness({ repairs: repairs as any, notices: repairs as any }, undefined, { features: ['repairs'], ...opts });
  const at = new Date('2026-09-01T02:00:00Z');
  h.emu.seed('people', [
    { _id: STAFF2, openid: 'demo-yjlt-staff2', name: '冯师傅', partyMember: false, showPartyBadge: false, createdAt: at },
  ]);
  h.emu.seed('roles', [
    {
      _id: 'r-yjlt-staff2',
      personId: STAFF2,
      role: 'staff',
      communityId: 'qiaoxing',
      compoundId: 'yjlt',
      grantedBy: 'seed',
      createdAt: at,
    },
  ]);
  return h;
}

let seq = 0;
/** A file uploaded by `who` (a seed key or openid) into `u/<openid>/<purpose>/`, as the client does. */
export async function upload(h: Harness, who: string, opts: { purpose?: string; name?: string } = {}): Promise<string> {
  const openid = h.as(who).openid;
  const name = opts.name ?? `photo-${++seq}.png`;
  const res = (await h.emu.runAs({ openid, source: 'wx_client' }, () =>
    h.emu.sdk.uploadFile({ cloudPath: `u/${openid}/${opts.purpose ?? 'repairs'}/${name}`, fileContent: Buffer.from('\x89PNG demo') }),
  )) as { fileID: string };
  return res.fileID;
}
