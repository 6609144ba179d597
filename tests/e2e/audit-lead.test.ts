/** The page audit (tests/e2e/audit-walk.ts) as a building lead. One person a file, so jest spreads the seven over its workers. */
import { auditAs } from './audit-walk';

jest.setTimeout(300_000);
auditAs([['李秀英', 'lead']]);
