/** The page audit (tests/e2e/audit-walk.ts) as an owner of 御家兰庭, whose compound runs an open vote. One person a file, so jest spreads the seven over its workers. */
import { auditAs } from './audit-walk';

jest.setTimeout(300_000);
auditAs([['何玉兰', 'yjlt-owner']]);
