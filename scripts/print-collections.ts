/** Prints every collection and index to create in the CloudBase console (README, "Deploy"). */
import { COLLECTIONS } from '../core/collections';

for (const c of COLLECTIONS) {
  console.log(c.name);
  for (const i of c.indexes) {
    const keys = Object.entries(i.keys)
      .map(([k, d]) => `${k} ${d === 1 ? '升序' : '降序'}`)
      .join(', ');
    console.log(`  index ${i.name}: ${keys}${i.unique ? '  [唯一]' : ''}`);
  }
}
