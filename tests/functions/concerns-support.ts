/**
 * Shared by the concerns suites: a harness with the concerns function (also the
 * emulator's media-check push target, as a shared dispatcher would forward), the
 * homes of the demo people, uploads into one's own folder and subscribe grants.
 */
import { main as concerns } from '../../cloudfunctions/concerns';
import { CONCERN_TEMPLATE_ID } from '../../core/concerns/contract';
import { createHarness, newRequestId, type Harness } from '../support/harness';

export const CHEN_HOME = 'txsj-b3_2_101';

export async function concernsHarness(opts: { clockStart?: Date; features?: string[] } = {}): Promise<Harness> {
  return createHarness({ concerns: concerns as any, notices: concerns as any }, undefined, { features: opts.features ?? [], ...opts });
}

/** The first home of a demo person (by seed key), or null. */
export async function homeOf(h: Harness, who: string): Promise<string | null> {
  const res = await h.db
    .collection('memberships')
    .where({ personId: `p-${who}`, status: 'active' })
    .limit(1)
    .get();
  return ((res.data[0] as { homeId?: string }) ?? {}).homeId ?? null;
}

let seq = 0;
export async function upload(h: Harness, who: string, name = `photo-${++seq}.png`): Promise<string> {
  const openid = h.as(who).openid;
  const res = (await h.emu.runAs({ openid, source: 'wx_client' }, () =>
    h.emu.sdk.uploadFile({ cloudPath: `u/${openid}/concerns/${name}`, fileContent: Buffer.from('\x89PNG demo') }),
  )) as { fileID: string };
  return res.fileID;
}

/** Tap "allow" for the concerns template, `count` times. */
export async function grant(h: Harness, who: string, count = 3) {
  for (let i = 0; i < count; i++) await h.as(who).ok('concerns', 'concerns.subscribe', { templateId: CONCERN_TEMPLATE_ID, accepted: true });
}

export const raiseBody = (over: Record<string, unknown> = {}) => ({
  clientRequestId: newRequestId(),
  homeId: CHEN_HOME,
  category: '停车与电动车',
  description: '3栋楼道里有人给电动车充电，晚上很担心起火',
  visibility: 'public',
  ...over,
});
