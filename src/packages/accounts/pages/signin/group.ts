import type { DemoPerson } from '@/services/demo';

/** Order in which role groups are listed; anything else follows, then 住户 and 未绑定房屋. */
const ORDER = ['社区工作人员', '小区党支部书记', '业委会委员', '物业经理', '物业员工', '党员楼栋长', '住户', '未绑定房屋'];

/**
 * People grouped by role label; a person with several roles appears under each.
 * Someone without a role is 住户 when bound to a home, else 未绑定房屋.
 */
export function groupByRole(people: DemoPerson[]): { role: string; people: DemoPerson[] }[] {
  const groups = new Map<string, DemoPerson[]>();
  for (const p of people) {
    const roles = p.roles.length > 0 ? p.roles : [p.homes.length > 0 ? '住户' : '未绑定房屋'];
    for (const r of roles) {
      if (!groups.has(r)) groups.set(r, []);
      groups.get(r)!.push(p);
    }
  }
  const rank = (r: string) => (ORDER.includes(r) ? ORDER.indexOf(r) : ORDER.indexOf('住户') - 0.5);
  return [...groups.entries()].sort((a, b) => rank(a[0]) - rank(b[0])).map(([role, list]) => ({ role, people: list }));
}

/**
 * How a resident lives there, from their home lines ("天翔世家 3栋1单元1502（租户）",
 * "天翔世家 沿街商铺S07"): 租户, 商铺业主 or 业主/家属 as the runtime reports it.
 */
export function residentTags(p: DemoPerson): string[] {
  const tags = new Set<string>();
  for (const h of p.homes) {
    if (/（租户）|\(租户\)/.test(h)) tags.add('租户');
    else if (/商铺/.test(h)) tags.add('商铺业主');
    else if (/（家庭成员）/.test(h)) tags.add('家庭成员');
  }
  return [...tags];
}
