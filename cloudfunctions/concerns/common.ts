/**
 * What every concerns handler shares: the compound's settings, who may handle a
 * concern, the text check, how people are labelled, and subscribe messages (a
 * failure never undoes the move it reports).
 */
import { createHash } from 'node:crypto';
import { CONCERN_TEMPLATE_FIELDS, CONCERN_TEMPLATE_ID } from '../../core/concerns/contract';
import { DEFAULT_ESCALATE_DAYS, DEFAULT_TOPIC_THRESHOLD } from '../../core/concerns/limits';
import { clip } from '../../core/concerns/rules';
import { can } from '../../core/authz';
import { ROLE_LABELS, type Actor } from '../../core/platform/roles';
import { formatDateTime } from '../../core/platform/time';
import { people, roles as rolesRepo } from '../_shared/directory';
import { sendWithGrant } from '../_shared/messaging';
import { checkText as checkTextOnce } from '../_shared/media';
import type { Ctx } from '../_shared/router';
import { concernSettings, type ConcernDoc } from './docs';

/** msgSecCheck v2 scene: 3 论坛 (a public board of the compound). */
export const SEC_SCENE = 3;

export const idFor = (prefix: string, personId: string, clientRequestId: string) =>
  prefix + createHash('sha256').update(`${personId}\n${clientRequestId}`).digest('hex').slice(0, 31);

export async function settingsOf(ctx: Ctx, compoundId: string) {
  const s = await concernSettings(ctx.db).get(compoundId);
  return { escalateDays: s?.escalateDays ?? DEFAULT_ESCALATE_DAYS, topicThreshold: s?.topicThreshold ?? DEFAULT_TOPIC_THRESHOLD };
}

export const targetOfConcern = (c: Pick<ConcernDoc, 'communityId' | 'compoundId' | 'buildingId'>) => ({
  communityId: c.communityId,
  compoundId: c.compoundId,
  buildingId: c.buildingId,
});
export const canHandle = (actor: Pick<Actor, 'roles'>, c: Pick<ConcernDoc, 'communityId' | 'compoundId' | 'buildingId'>) =>
  can(actor, 'concern.handle', targetOfConcern(c));

/** "党员楼栋长" / "小区党支部书记" / "业委会委员" / "住户": how someone is shown on a concern. */
export function roleLabelIn(actor: Pick<Actor, 'roles'>, compoundId: string, buildingId?: string): string {
  if (actor.roles.some((g) => g.role === 'branchSecretary' && g.compoundId === compoundId)) return ROLE_LABELS.branchSecretary;
  if (actor.roles.some((g) => g.role === 'committeeMember' && g.compoundId === compoundId)) return ROLE_LABELS.committeeMember;
  if (
    actor.roles.some(
      (g) => g.role === 'buildingLead' && g.compoundId === compoundId && (!buildingId || (g.buildingIds ?? []).includes(buildingId)),
    )
  )
    return ROLE_LABELS.buildingLead;
  return ROLE_LABELS.resident;
}

/** msgSecCheck on what people typed. Throws CONTENT_REJECTED; writes nothing. */
export const checkText = (ctx: Ctx, content: string) => checkTextOnce(ctx, content, { scene: SEC_SCENE });

/**
 * One subscribe message to one person. `what` is the category and the building,
 * never a name or a room: the same words go to a handler and to the raiser.
 */
export async function notify(ctx: Ctx, personId: string | null, m: { what: string; status: string; note: string; page: string }) {
  if (!personId) return;
  try {
    const p = await people(ctx.db).get(personId);
    if (!p?.openid) return;
    const f = CONCERN_TEMPLATE_FIELDS;
    await sendWithGrant(
      ctx.db,
      ctx.cloud,
      {
        touser: p.openid,
        templateId: CONCERN_TEMPLATE_ID,
        page: m.page,
        data: {
          [f.what]: { value: clip(m.what) },
          [f.status]: { value: clip(m.status, 5) },
          [f.time]: { value: formatDateTime(ctx.now) },
          [f.note]: { value: clip(m.note) },
        },
      },
      ctx.now,
    );
  } catch (e) {
    console.error('[concerns notify]', (e as Error).message);
  }
}

/** The branch secretary and the committee of a compound: whom an escalation reaches (a handful). */
export async function compoundHandlers(ctx: Ctx, compoundId: string): Promise<string[]> {
  const grants = await rolesRepo(ctx.db).find(
    { compoundId, role: ctx.db.command.in(['branchSecretary', 'committeeMember']) },
    { limit: 50 },
  );
  return [...new Set(grants.map((g) => g.personId))];
}
