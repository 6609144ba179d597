/** The page audit (tests/e2e/audit-walk.ts) as a committee member, who reaches the most pages: books, rates, parking, dues, votes, roles, roster…. One person a file, so jest spreads the seven over its workers. */
import { auditAs } from './audit-walk';

jest.setTimeout(300_000);
auditAs([['黄美玲', 'committee']]);
