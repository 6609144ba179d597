/**
 * "Hide that it exists, then forbid": someone who may not even see a thing gets
 * NOT_FOUND (the reply never confirms an id), someone who may see it but not do
 * this to it gets FORBIDDEN.
 */
import { AppError } from '../../core/platform/errors';

export function hideThenForbid(canSee: boolean, canDo: boolean): void {
  if (!canSee) throw new AppError('NOT_FOUND');
  if (!canDo) throw new AppError('FORBIDDEN');
}
