/** Collections of accounts: the directory (compounds, buildings, homes, people, bindings, roles). */
import { defineCollections } from '../platform/collections';

export const ACCOUNTS_COLLECTIONS = defineCollections([
  { name: 'communities', indexes: [] },
  {
    name: 'compounds',
    indexes: [
      { name: 'community', keys: { communityId: 1 } },
      /** compounds.search: equality on one key of the name (multikey), in name order. */
      { name: 'name_keys', keys: { nameKeys: 1, name: 1 } },
    ],
  },
  { name: 'buildings', indexes: [{ name: 'compound_no', keys: { compoundId: 1, no: 1 }, unique: true }] },
  {
    name: 'homes',
    indexes: [
      { name: 'building_unit_number', keys: { buildingId: 1, unit: 1, number: 1 }, unique: true },
      { name: 'compound', keys: { compoundId: 1 } },
      /** Natural room order (roomSortKey) for the room picker and the roster. */
      { name: 'building_sort', keys: { buildingId: 1, sortKey: 1 } },
      /** people.search by room number. */
      { name: 'compound_number', keys: { compoundId: 1, number: 1 } },
    ],
  },
  {
    name: 'people',
    indexes: [
      { name: 'openid', keys: { openid: 1 }, unique: true },
      /** people.search by name prefix. */
      { name: 'name', keys: { name: 1 } },
    ],
  },
  {
    name: 'memberships',
    indexes: [
      { name: 'person_home', keys: { personId: 1, homeId: 1 }, unique: true },
      { name: 'home', keys: { homeId: 1 } },
      { name: 'building', keys: { buildingId: 1 } },
      { name: 'compound', keys: { compoundId: 1 } },
    ],
  },
  {
    name: 'bindRequests',
    indexes: [
      { name: 'building_status', keys: { buildingId: 1, status: 1, createdAt: -1 } },
      { name: 'compound_status', keys: { compoundId: 1, status: 1, createdAt: -1 } },
      /** Approvals in natural room order. */
      { name: 'building_status_room', keys: { buildingId: 1, status: 1, roomKey: 1, createdAt: 1 } },
      { name: 'compound_status_room', keys: { compoundId: 1, status: 1, roomKey: 1, createdAt: 1 } },
      { name: 'person', keys: { personId: 1, createdAt: -1 } },
      { name: 'person_home', keys: { personId: 1, homeId: 1, status: 1 } },
      /** A retried binding.request finds the request it already made. */
      { name: 'person_client', keys: { personId: 1, clientRequestId: 1 } },
    ],
  },
  /** One per open bind request, _id `${personId}_${slot}` with slot < MAX_PENDING_REQUESTS: the cap holds under concurrency. */
  { name: 'pendingSlots', indexes: [] },
  {
    name: 'invites',
    indexes: [
      { name: 'code', keys: { code: 1 }, unique: true },
      { name: 'creator_state', keys: { createdBy: 1, state: 1, createdAt: -1 } },
    ],
  },
  {
    name: 'roles',
    indexes: [
      { name: 'person', keys: { personId: 1 } },
      { name: 'compound', keys: { compoundId: 1 } },
    ],
  },
]);
