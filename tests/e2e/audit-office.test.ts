/** The page audit (tests/e2e/audit-walk.ts) as the community office: several compounds, read-only books and repairs figures. One person a file, so jest spreads the seven over its workers. */
import { auditAs } from './audit-walk';

jest.setTimeout(300_000);
auditAs([['周文华', 'office']]);
