/**
 * A building of `n` bound owners in 天翔世家, each holding `grants` notice-message
 * grants: what the jobs tests fan a notice out to (a double send would show as a
 * second message to someone with a grant left).
 */
import { NOTICE_TEMPLATE_ID } from '../../core/notices/contract';
import type { Harness } from './harness';

export function seedSubscribedBuilding(h: Harness, opts: { building: string; key: string; n: number; grants: number }): void {
  const { building, key, n, grants } = opts;
  const now = new Date();
  const openid = (i: number) => `o-${key}-${String(i).padStart(3, '0')}`;
  h.emu.seed('buildings', [
    {
      _id: building,
      communityId: 'qx',
      compoundId: 'txsj',
      no: 99,
      name: '测试楼',
      kind: 'residential',
      hasLift: true,
      units: ['1'],
      homeCount: n,
    },
  ]);
  const each = <T>(f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));
  h.emu.seed(
    'people',
    each((i) => ({ _id: `p-${key}-${i}`, openid: openid(i), name: `住户${i}`, partyMember: false, showPartyBadge: false, createdAt: now })),
  );
  h.emu.seed(
    'memberships',
    each((i) => ({
      _id: `p-${key}-${i}_h-${key}-${i}`,
      personId: `p-${key}-${i}`,
      homeId: `h-${key}-${i}`,
      buildingId: building,
      compoundId: 'txsj',
      communityId: 'qx',
      relation: 'owner',
      status: 'active',
      via: 'seed',
      createdAt: now,
    })),
  );
  h.emu.seed(
    'subscriptions',
    each((i) => ({
      _id: `${openid(i)}_${NOTICE_TEMPLATE_ID}`,
      openid: openid(i),
      personId: `p-${key}-${i}`,
      templateId: NOTICE_TEMPLATE_ID,
      remaining: grants,
      updatedAt: now,
    })),
  );
}
