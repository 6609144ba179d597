/** The moves of the detail page that take a short form (note, photos, rating, costs) before they go. */
import type { RepairAction } from '@core/repairs/rules';

export type StepAction = Exclude<RepairAction, 'autoClose' | 'assign' | 'merge' | 'accept'>;

export const FORM: Record<StepAction, { title: string; photos: boolean; noteLabel: string; noteRequired?: boolean }> = {
  start: { title: '开始维修', photos: true, noteLabel: '现场情况（选填）' },
  finish: { title: '完工', photos: true, noteLabel: '做了什么（选填）' },
  confirm: { title: '确认完成并评价', photos: false, noteLabel: '评价（选填）' },
  reopen: { title: '没修好，重新处理', photos: true, noteLabel: '哪里没修好', noteRequired: true },
  cancel: { title: '取消报修', photos: false, noteLabel: '取消原因（选填）' },
};

export const isStepAction = (a: RepairAction): a is StepAction => a in FORM;
