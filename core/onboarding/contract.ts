/**
 * onboarding: day one of a compound. The operator's setup (scripts/setup.ts) makes
 * the community, compounds and buildings and prints a one-time claim code; the
 * first committee member or community worker claims the role with it, then follows
 * the first-run guide and prints the building posters.
 */
import { z } from 'zod';
import { action, defineApi, id as anyId } from '../platform/api';
import { text } from '../platform/text';
import type { RoleName } from '../platform/roles';
import { CLAIM_CODE_LENGTH, CLAIM_CODE_PATTERN } from './limits';
import type { GuideStep } from './rules';

const id = anyId.regex(/^[A-Za-z0-9_.-]+$/, '编号有误');
const personName = text({ max: 20, emptyMessage: '请填写真实姓名' }).refine((v) => Array.from(v).length >= 2, '姓名至少2个字');

export interface ClaimResult {
  role: RoleName;
  /** 业委会委员 / 社区工作人员 */
  label: string;
  communityId: string;
  communityName: string;
  compoundId?: string;
  /** "侨兴社区 新城花园" */
  scopeLabel: string;
}

export interface GuideCompound {
  id: string;
  name: string;
}
export interface Guide {
  compound: GuideCompound;
  /** 'community': the compound has no committee, the community worker runs it until one is elected. */
  runBy: 'committee' | 'community';
  steps: GuideStep[];
  /** Every step is done. */
  complete: boolean;
  /**
   * Where there is no committee: who stands in for it (社区代行业委会, roles.standIn), and
   * whether this person may take it (a community worker, while nobody holds it).
   */
  standIn?: { holderName?: string; mine: boolean; canTake: boolean };
  /** The compounds this person may guide (a community worker has several). */
  compounds: GuideCompound[];
}

export interface PosterView {
  buildingId: string;
  buildingName: string;
  /** A temporary link to the building's mini-program code (an image). */
  codeUrl: string;
  steps: string[];
  approver: string;
}
export interface PosterSheet {
  compoundId: string;
  compoundName: string;
  communityName: string;
  posters: PosterView[];
}

export const onboardingApi = defineApi('onboarding', {
  /** Claim the role a setup code carries (once, within 24 hours, attempt-limited). */
  'claim.redeem': action(
    z
      .object({
        code: z.string().trim().toUpperCase().regex(CLAIM_CODE_PATTERN, `认领码为${CLAIM_CODE_LENGTH}位字母或数字`),
        name: personName,
      })
      .strict(),
  ).returns<ClaimResult>(),
  /** The first-run guide of a compound (the first one I may guide when none is named). */
  'guide.get': action(z.object({ compoundId: id.optional() }).strict()).returns<Guide>(),
  /** A poster per building: the mini-program code that opens binding with the building chosen. */
  'posters.list': action(z.object({ compoundId: id }).strict()).returns<PosterSheet>(),
  /** The posters went to the printer: the guide's last step is done. */
  'posters.printed': action(z.object({ compoundId: id }).strict()).returns<{ compoundId: string }>(),
});

export type OnboardingApi = typeof onboardingApi;
