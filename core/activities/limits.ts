/** Field limits of activities and neighbour service, read by the contract's schemas and by the forms. */
export const ACTIVITY_LIMITS = {
  title: 40,
  description: 1000,
  place: 60,
  images: 6,
  slotName: 12,
  slots: 6,
  /** Places of one slot, and of one overall capacity. */
  capacity: 200,
  /** Waiting places beyond the capacity. */
  waitlist: 200,
  buildings: 30,
  reason: 100,
  /** An activity lasts at most this long (hours). */
  maxHours: 12,
  availability: 60,
  helpText: 300,
  thanks: 100,
  teamName: 20,
  teamMembers: 50,
  phone: 20,
} as const;
