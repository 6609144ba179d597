/** Pure rules of day one: the setup sheet, ids that fit a poster's scene, the guide's next step. */
import { buildingScene, sceneBuilding, SCAN_PAGES } from '../../core/platform/links';
import { guideSteps, parseSetupRows, setupIds, type GuideFacts } from '../../core/onboarding/rules';
import { appPages } from '../../scripts/lib/function-config';

describe('posters', () => {
  it('every page a mini-program code opens is a page of the weapp build', () => {
    for (const page of Object.values(SCAN_PAGES)) expect(appPages()).toContain(page);
  });

  it("a building's scene fits wxacode's 32 visible characters, and reads back", () => {
    const longest = setupIds.building(setupIds.compound(setupIds.community('侨兴社区'), '新城花园'), 200);
    const scene = buildingScene(longest);
    expect(scene.length).toBeLessThanOrEqual(32);
    expect(sceneBuilding(encodeURIComponent(scene))).toBe(longest);
    expect(sceneBuilding(scene)).toBe(longest);
    expect(() => buildingScene('x'.repeat(31))).toThrow();
    expect(() => buildingScene('楼')).toThrow();
    expect(sceneBuilding('c=txsj-b3')).toBeNull();
    expect(sceneBuilding('%E0%A4%A')).toBeNull();
    expect(sceneBuilding(undefined)).toBeNull();
  });
});

describe('the setup sheet', () => {
  it('numbers buildings by their names and gives shops the next free number; ids are stable', () => {
    const { spec } = parseSetupRows([
      ['社区名称', '小区名称', '楼号', '单元', '有无电梯', '楼栋类型'],
      ['侨兴社区', '新城花园', '商铺', '', '', '商铺'],
      ['侨兴社区', '新城花园', '2号楼', '3', '有', ''],
      ['侨兴社区', '新城花园', '1栋', '', '无', '住宅'],
      ['', '', '', '', '', ''],
    ]);
    expect(spec!.compounds[0].buildings.map((b) => [b.no, b.name, b.kind, b.units.length, b.hasLift])).toEqual([
      [3, '商铺', 'shops', 0, false],
      [2, '2号楼', 'residential', 3, true],
      [1, '1栋', 'residential', 1, false],
    ]);
    expect(setupIds.compound('qiaoxing', '新城花园')).toBe(setupIds.compound('qiaoxing', '新城花园'));
    expect(setupIds.compound('qiaoxing', '新城花园')).not.toBe(setupIds.compound('qiaoxing', '新城家园'));
  });

  it('refuses a duplicate building and a second community', () => {
    const { errors } = parseSetupRows([
      ['社区', '小区', '楼栋'],
      ['侨兴社区', '新城花园', '1栋'],
      ['侨兴社区', '新城花园', '1栋'],
      ['东湖社区', '新城花园', '2栋'],
    ]);
    expect(errors.map((e) => [e.row, e.message])).toEqual([
      [3, '与第2行重复'],
      [4, '一个文件只建一个社区（上面写的是「侨兴社区」）'],
    ]);
  });
});

describe('the guide', () => {
  const none: GuideFacts = {
    buildings: 3,
    homes: 0,
    buildingsWithHomes: 0,
    committeeMembers: 1,
    branchSecretaries: 0,
    buildingsLed: 0,
    propertyManagers: 0,
    bookkeepers: 0,
    ratesSet: false,
    buildingGroupsLinked: 0,
    ownersGroupLinked: false,
    postersPrinted: false,
  };
  it('marks the first step not done as next, whatever order steps were done in', () => {
    expect(guideSteps(none, 'committee').map((s) => s.next)).toEqual([true, false, false, false, false]);
    const some = guideSteps({ ...none, homes: 120, buildingsWithHomes: 3, ratesSet: true, postersPrinted: true }, 'committee');
    expect(some.map((s) => [s.key, s.done, s.next])).toEqual([
      ['import', true, false],
      ['people', false, true],
      ['rates', true, false],
      ['groups', false, false],
      ['posters', true, false],
    ]);
    expect(some[0].summary).toBe('已导入 120 户（3/3 栋）');
  });

  it('the groups step: done with the 业主群 or a first 楼栋群, each listed', () => {
    const step = (f: Partial<GuideFacts>) => guideSteps({ ...none, ...f }, 'committee').find((s) => s.key === 'groups')!;
    expect(step({}).done).toBe(false);
    const owners = step({ ownersGroupLinked: true });
    expect([owners.done, owners.summary, owners.items.map((i) => [i.label, i.done])]).toEqual([
      true,
      '业主群已关联，楼栋群 0/3',
      [
        ['业主群', true],
        ['楼栋群（0/3）', false],
      ],
    ]);
    const building = step({ buildingGroupsLinked: 1 });
    expect([building.done, building.summary, building.items[0].done]).toEqual([true, '业主群未关联，楼栋群 1/3', false]);
  });

  it('names the committee to be elected when the community runs the compound', () => {
    const c = guideSteps({ ...none, committeeMembers: 0 }, 'community');
    expect(c[1].items.map((i) => i.label)).toContain('业委会（选举后由业委会接手）');
    expect(guideSteps(none, 'committee')[1].items.map((i) => i.label)).not.toContain('业委会（选举后由业委会接手）');
  });
});
