/** The "no deadline runs" date: an indexed range query on dueAt never finds it overdue. */
import { FOREVER } from '../../core/concerns/rules';

export const FOREVER_TIME = FOREVER.getTime();
