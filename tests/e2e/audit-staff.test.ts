/** The page audit (tests/e2e/audit-walk.ts) as the people who keep the compound running. */
import { auditAs } from './audit-walk';

jest.setTimeout(300_000);
auditAs([
  // The committee reaches the most pages: books, rates, parking, dues, votes, roles, roster…
  ['黄美玲', 'committee'],
  // The property manager: the repairs queue, the board and its figures, vehicles.
  ['刘洋', 'manager'],
  ['钱会计', 'bookkeeper'],
]);
