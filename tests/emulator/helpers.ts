import { createEmulator, useEmulator, type CollectionSpec, type EmulatorOptions } from '../../emulator';

export const COLLS: CollectionSpec[] = [
  { name: 'items', indexes: [] },
  {
    name: 'homes',
    indexes: [
      { name: 'by_owner', keys: { ownerOpenid: 1 } },
      { name: 'by_room', keys: { compoundId: 1, room: 1 }, unique: true },
      { name: 'by_tags', keys: { tags: 1 } },
    ],
  },
  { name: 'accounts', indexes: [{ name: 'by_phone', keys: { phone: 1 }, unique: true }] },
];

/** A fresh in-memory emulator made current, plus the bound SDK already initialised. */
export function setup(extra: Partial<EmulatorOptions> = {}) {
  const emu = createEmulator({ dataDir: ':memory:', collections: COLLS, ...extra });
  useEmulator(emu);
  const db = emu.sdk.database();
  return { emu, db, _: db.command, cloud: emu.sdk };
}
