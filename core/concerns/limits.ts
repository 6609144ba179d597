/** Field limits of concerns and the 议事厅, read by the contract's schemas and by the forms. */
export const CONCERN_LIMITS = {
  description: 500,
  answer: 500,
  reason: 200,
  photos: 6,
  title: 40,
  topicText: 1000,
  comment: 300,
  materialTitle: 40,
  materials: 9,
  place: 40,
  minutes: 2000,
  opinion: 500,
  participants: 200,
  taskTitle: 60,
  taskOwner: 20,
  tasks: 20,
  /** Open concerns on the public board. */
  board: 50,
  /** Escalation after this many days without an answer (per compound, 1–30). */
  escalateDaysMin: 1,
  escalateDaysMax: 30,
  /** A public concern followed this many times may be put to the 议事厅 by its raiser (per compound, 2–500). */
  topicThresholdMin: 2,
  topicThresholdMax: 500,
  /** 公示 objection period, days. */
  objectionDaysMin: 1,
  objectionDaysMax: 30,
  /** Days of 征集 (comments) when a topic opens. */
  collectDaysMin: 1,
  collectDaysMax: 60,
} as const;

/** Defaults of a compound that set nothing. */
export const DEFAULT_ESCALATE_DAYS = 3;
export const DEFAULT_TOPIC_THRESHOLD = 10;
export const DEFAULT_OBJECTION_DAYS = 5;
/** An answer left unrated asks 解决了吗？ this many days later, once. */
export const ASK_AFTER_DAYS = 14;
