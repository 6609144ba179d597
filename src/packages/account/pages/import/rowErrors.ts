import type { ImportResult, ImportRowError } from '@core/accounts/contract';

/** Template columns, in the order the importer reads them. */
export const TEMPLATE_COLUMNS = ['楼栋', '单元', '房号', '类型(住宅/商铺)', '面积(㎡)', '电梯(有/无)', '业主姓名', '手机号'] as const;

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

export function summary(r: ImportResult): string {
  const verb = r.dryRun ? '将' : r.job ? '正在' : '已';
  return `共 ${r.rows} 行：${verb}新增 ${r.created} 户，${verb}更新 ${r.updated} 户`;
}
