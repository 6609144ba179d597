/** Field limits and patterns of vehicles and 挪车, read by the contract's schemas AND the forms. */
export const VEHICLE_LIMITS = {
  /** Plates (cars and e-bikes) one home may register. */
  perHome: 5,
  /** A 挪车 request's free note (what exactly, where). */
  note: 60,
  /** Photos on one request: one is enough to show the car. */
  photos: 1,
  /** Requests one person may send in a Shanghai calendar day. */
  perRequesterPerDay: 5,
  /** The same plate is messaged at most once in this many minutes, whoever asks. */
  samePlateMinutes: 10,
  /** Requests (and their photos) are deleted after this many days; monthly counts stay. */
  retentionDays: 30,
  /** A requester with this many requests in the retention window shows on the property's 反复提醒 list. */
  repeatThreshold: 5,
  /** Parking space numbers as fees keeps them. */
  spaceNo: 12,
  /** An e-bike plate (local formats differ by city): letters, digits and Chinese, this long. */
  ebikeMin: 5,
  ebikeMax: 10,
} as const;

/** Province abbreviations of mainland car plates (GA 36-2018). */
export const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
/** Plate letters: A–Z without I and O (GA 36-2018 leaves them out to avoid 1 and 0). */
const L = 'A-HJ-NP-Z';
/**
 * An ordinary plate: province, issuing-office letter, five letters/digits (the last may be
 * 挂/学/警/港/澳), 7 characters. A new-energy plate: 8 characters, D or F first for a small
 * car (D/F, a letter or digit, four digits) or last for a large one (five digits, D/F).
 */
export const CAR_PLATE = new RegExp(`^[${PROVINCES}][${L}](?:[${L}0-9]{4}[${L}0-9挂学警港澳]|[DF][${L}0-9][0-9]{4}|[0-9]{5}[DF])$`);
/** E-bike plates differ by city (闽E12345, 厦门A1234 …): letters, digits and Chinese only. */
export const EBIKE_PLATE = new RegExp(`^[\\u4e00-\\u9fa5A-Z0-9]{${5},${10}}$`);
