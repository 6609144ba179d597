/**
 * The compound pickers' rows of `npm run bench`: a newcomer's search by name, the
 * compound they pick (its buildings), and a staff picker (compounds.list of one
 * compound). The large sizes add hundreds of generated compounds (示例小区N) in
 * communities of their own: each row must read and scan the same at every size.
 */
import { TXSJ } from './seed-data';
import type { Invoke, Measure } from './bench-kit';

export async function accountsCompoundsBench<R>({ invoke, measure }: { invoke: Invoke; measure: Measure<R> }): Promise<R[]> {
  return [
    await measure('accounts compounds.search (天翔, newcomer)', true, (i) =>
      invoke('accounts', `demo-bench-search-${i % 50}`, 'compounds.search', { q: '天翔' }),
    ),
    await measure('accounts compounds.get (picked compound)', true, (i) =>
      invoke('accounts', `demo-bench-search-${i % 50}`, 'compounds.get', { compoundId: TXSJ }),
    ),
    await measure('accounts compounds.list (HomePicker, staff)', true, () =>
      invoke('accounts', 'txsj-manager', 'compounds.list', { compoundIds: [TXSJ] }),
    ),
  ];
}
