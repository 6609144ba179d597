/**
 * The community row of `npm run bench`: 侨兴社区 topped up to 50 compounds, each with
 * 12 monthly snapshots, and 周文华's overview of them. It reads the compound list and
 * the snapshots (≤ 50 + 600 documents), never a home: the same at 585 and 30,000
 * homes in the database. The scorecards, the monthly report and the cases read the
 * same way: per compound or per page, never per home.
 */
import type { Emulator } from '../../emulator';
import type { SnapshotDoc } from '../../cloudfunctions/community/docs';
import { FIGURE_KEYS, previousPeriod, trailingPeriods, type FigureKey, type RawFigure } from '../../core/community/rules';
import { COMMUNITY_ID } from './seed-data';
import type { Invoke, Measure } from './bench-kit';

const COMPOUNDS = 50;

export async function communityBench<R>({
  emu,
  functions,
  invoke,
  measure,
}: {
  emu: Emulator;
  functions: Record<string, unknown>;
  invoke: Invoke;
  measure: Measure<R>;
}): Promise<R[]> {
  functions.community = require('../../cloudfunctions/community').main;
  const existing = (await emu.sdk.database().collection('compounds').where({ communityId: COMMUNITY_ID }).limit(1000).get()).data as {
    _id: string;
    name: string;
  }[];
  const extra = Array.from({ length: Math.max(0, COMPOUNDS - existing.length) }, (_, i) => ({
    _id: `bench-c${i + 1}`,
    communityId: COMMUNITY_ID,
    name: `对比小区${i + 1}`,
  }));
  emu.seed('compounds', extra);
  const period = previousPeriod(new Date());
  const snaps: SnapshotDoc[] = [];
  [...existing, ...extra].forEach((c, n) => {
    for (const p of trailingPeriods(period)) {
      const figures = Object.fromEntries(
        FIGURE_KEYS.map((k, j) => [k, { value: ((n + j) % 10) / 10, base: n % 7 === 0 ? 3 : 120 }]),
      ) as Record<FigureKey, RawFigure>;
      snaps.push({
        _id: `${c._id}_${p}`,
        communityId: COMMUNITY_ID,
        compoundId: c._id,
        compoundName: c.name,
        period: p,
        homes: 120,
        figures,
        computedAt: new Date(),
      });
    }
  });
  emu.seed('communitySnapshots', snaps);
  emu.seed('communityProfiles', [{ _id: COMMUNITY_ID, modelCompoundId: 'txsj', updatedAt: new Date() }]);
  return [
    await measure(`community overview (its ${COMPOUNDS}+ compounds × 12 months)`, true, () =>
      invoke('community', 'community-admin', 'overview.get', { communityId: COMMUNITY_ID, period }),
    ),
    await measure(`community scorecards (its ${COMPOUNDS}+ compounds)`, true, () =>
      invoke('community', 'community-admin', 'scorecards.list', { communityId: COMMUNITY_ID }),
    ),
    await measure(`community monthly report (its ${COMPOUNDS}+ compounds)`, true, () =>
      invoke('community', 'community-admin', 'report.get', { communityId: COMMUNITY_ID, period }),
    ),
    await measure('community cases (first page)', true, () =>
      invoke('community', 'community-admin', 'cases.list', { communityId: COMMUNITY_ID }),
    ),
  ];
}
