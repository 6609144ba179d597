import type { DemoPerson } from '@/services/demo';

/** Order in which role groups are listed; anything else follows, then 住户. */
const ORDER = ['社区工作人员', '小区党支部书记', '业委会委员', '物业经理', '物业员工', '党员楼栋长', '住户'];

/** People grouped by role label; a person with several roles appears under each. */
export function groupByRole(people: DemoPerson[]): { role: string; people: DemoPerson[] }[] {
  const groups = new Map<string, DemoPerson[]>();
  for (const p of people) {
    const roles = p.roles.length > 0 ? p.roles : ['未绑定房屋'];
    for (const r of roles) {
      if (!groups.has(r)) groups.set(r, []);
      groups.get(r)!.push(p);
    }
  }
  const rank = (r: string) => (ORDER.includes(r) ? ORDER.indexOf(r) : ORDER.length);
  return [...groups.entries()].sort((a, b) => rank(a[0]) - rank(b[0])).map(([role, list]) => ({ role, people: list }));
}
