/** The page audit (tests/e2e/audit-walk.ts) as the property manager: the repairs queue, the board and its figures, vehicles. One person a file, so jest spreads the seven over its workers. */
import { auditAs } from './audit-walk';

jest.setTimeout(300_000);
auditAs([['刘洋', 'manager']]);
