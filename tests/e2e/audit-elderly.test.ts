/** The page audit (tests/e2e/audit-walk.ts) as an elderly resident. One person a file, so jest spreads the seven over its workers. */
import { auditAs } from './audit-walk';

jest.setTimeout(300_000);
auditAs([['陈阿婆', 'elderly']]);
