import type { ImportResult, ImportRowError } from '@core/accounts/contract';

/** Template columns, in the template's order (the importer finds columns by header, and knows other names for each). */
export const TEMPLATE_COLUMNS = ['楼栋', '单元', '房号', '类型(住宅/商铺)', '面积(㎡)', '电梯(有/无)', '业主姓名', '手机号'] as const;
/** Other headers people use, accepted as they are (core/accounts/rules ROSTER_HEADERS). */
export const HEADER_HINT = '也认得：楼号、室号、户主、联系电话、手机、建筑面积；单元可写“1”“1单元”“一单元”。类型、电梯不填时按楼栋。';

/**
 * Per-row errors can come back two ways: in a dry run's result, or as the
 * `details` of an IMPORT_INVALID error when a real import is refused.
 */
export function rowErrorsFrom(details: unknown): ImportRowError[] {
  const list = Array.isArray(details)
    ? details
    : details && typeof details === 'object' && Array.isArray((details as { errors?: unknown }).errors)
      ? (details as { errors: unknown[] }).errors
      : [];
  return list.filter(
    (e): e is ImportRowError =>
      !!e && typeof e === 'object' && typeof (e as ImportRowError).row === 'number' && typeof (e as ImportRowError).message === 'string',
  );
}

/** The page shows each clause (split at "，") unbroken, so a lone 户 never wraps onto its own line. */
export function summary(r: ImportResult): string {
  if (r.errorCount > 0) return `共 ${r.rows} 行，有 ${r.errorCount} 处需要修改`;
  const verb = r.dryRun ? '将' : r.job ? '正在' : '已';
  return `共 ${r.rows} 行：${verb}新增 ${r.created} 户，${verb}更新 ${r.updated} 户`;
}
