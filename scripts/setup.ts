/**
 * `npm run setup -- --file compound.xlsx [--role committee|community] [--compound 名称] [--new-code]`
 *   locally: into the data folder of `npm start` (.data/, or --data <dir>; stop the server first);
 * `npm run setup -- --env <env-id> --file compound.xlsx`
 *   in CloudBase, with TCB_SECRET_ID / TCB_SECRET_KEY (as for `npm run deploy`).
 * Creates the community, compounds and buildings from the file and prints a one-time
 * claim code (24 hours) for the first committee member or community worker.
 * Running it again changes nothing. See docs/deploy.md, 「第一天」.
 */
import { join } from 'node:path';
import { COLLECTIONS } from '../core/collections';
import { ROLE_LABELS } from '../core/platform/roles';
import { CLAIM_HOURS } from '../core/onboarding/limits';
import type { Database } from '../cloudfunctions/_shared/database';
import { createEmulator } from '../emulator';
import { readSetupFile, runSetup, SetupFileError, type ClaimRequest, type SetupReport } from './lib/setup';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

export function printReport(r: SetupReport, log: (l: string) => void = console.log): void {
  const c = r.created;
  log(
    c.communities + c.compounds + c.buildings === 0
      ? '没有新建任何内容（都已存在）。'
      : `新建：社区 ${c.communities} 个，小区 ${c.compounds} 个，楼栋 ${c.buildings} 栋。`,
  );
  for (const d of r.differences) log(`注意：${d}`);
  const claim = r.claim;
  if (!claim) return;
  const who = `${claim.place} 的${ROLE_LABELS[claim.role]}`;
  if (claim.state === 'new') {
    log(`\n认领码（${who}，只显示这一次，${CLAIM_HOURS} 小时内有效、只能用一次）：\n\n    ${claim.code}\n`);
    log(
      `请交给本人：打开小程序「近邻」→ 服务 → 认领管理身份，输入认领码（或打开页面 packages/onboarding/pages/claim/index?code=${claim.code}）。有效期至 ${claim.expiresAt.toISOString()}。`,
    );
  } else if (claim.state === 'open')
    log(`${who}的认领码已发出，尚未使用（有效期至 ${claim.expiresAt.toISOString()}）。遗失了就加 --new-code 重新生成（旧码作废）。`);
  else if (claim.state === 'claimed') log(`${who}已认领。之后的角色请由其在「角色管理」中授予。`);
  else log(`${who}已有人担任，不再发认领码：请由其在「角色管理」中授予角色。`);
}

async function database(): Promise<{ db: Database; close(): void }> {
  const env = arg('env');
  if (env) {
    const { TCB_SECRET_ID: secretId, TCB_SECRET_KEY: secretKey } = process.env;
    if (!secretId || !secretKey) throw new Error('--env 需要环境变量 TCB_SECRET_ID 和 TCB_SECRET_KEY（与 npm run deploy 相同）');
    // @cloudbase/node-sdk: the same database API as wx-server-sdk, authenticated by the API key.
    const tcb = require('@cloudbase/node-sdk');
    return { db: tcb.init({ env, secretId, secretKey }).database() as Database, close: () => undefined };
  }
  const dataDir = arg('data') ?? process.env.DATA_DIR ?? join(__dirname, '..', '.data');
  const emu = createEmulator({ dataDir, collections: COLLECTIONS });
  return { db: emu.sdk.database() as unknown as Database, close: () => emu.close() };
}

async function main() {
  const file = arg('file');
  if (!file)
    throw new Error(
      '用法：npm run setup -- --file compound.xlsx [--env <env-id> | --data <目录>] [--role committee|community] [--compound 小区名称] [--new-code]',
    );
  const role = arg('role') ?? 'committee';
  if (role !== 'committee' && role !== 'community') throw new Error('--role 只能是 committee（业委会委员）或 community（社区工作人员）');
  const spec = await readSetupFile(file);
  const claim: ClaimRequest = {
    role: role === 'community' ? 'communityAdmin' : 'committeeMember',
    compound: arg('compound'),
    renew: flag('new-code'),
  };
  const { db, close } = await database();
  try {
    printReport(await runSetup(db, spec, { now: new Date(), claim }));
  } finally {
    close();
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof SetupFileError ? `文件有误，没有写入任何内容：\n${e.message}` : e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
