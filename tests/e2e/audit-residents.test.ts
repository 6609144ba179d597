/** The page audit (tests/e2e/audit-walk.ts) as residents, a building lead and the community office. */
import { auditAs } from './audit-walk';

jest.setTimeout(300_000);
auditAs([
  ['陈阿婆', 'elderly'],
  ['李秀英', 'lead'],
  // The community office: several compounds, read-only books and repairs figures.
  ['周文华', 'office'],
  // An owner of 御家兰庭, whose compound runs an open vote.
  ['何玉兰', 'yjlt-owner'],
]);
