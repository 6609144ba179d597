/** Lengths and periods of votes: read by the schemas AND the forms. */
export const VOTE_LIMITS = {
  title: 60,
  description: 2000,
  candidateName: 40,
  candidates: 30,
  seats: 15,
  documents: 9,
  paperPhotos: 4,
  note: 200,
  reason: 200,
  /** 物业管理条例 第十四条 (and local rules): the matter is announced at least 15 days before voting opens. */
  announceDays: 15,
  /** A vote runs at least one day and at most 60. */
  minVoteDays: 1,
  maxVoteDays: 60,
  /** 公示: objections to the preliminary result, in days. */
  objectionDays: 7,
  /** A roll rebuild (a job of a minute or two at 30,000 homes) is refused this close to the opening, in hours. */
  rebuildMarginHours: 1,
} as const;

/** Upload purposes (folders under u/<openid>/). */
export const VOTE_UPLOAD = { documents: 'votedocs', paper: 'votepaper' } as const;
