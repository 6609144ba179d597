/**
 * Links between features: a page of one feature another feature may point at (a
 * 财务公示 notice opens the month's statement). Each link names its page and the
 * parameters it takes; the client turns a link into a URL in src/features/links.ts.
 * Declared here so that neither side imports the other's internals.
 */
export const APP_LINKS = {
  /** The monthly income-and-expense statement (fees). */
  feeStatement: ['compoundId', 'period'],
  /** A repair (a concern turned into one, a 议事 task carried out by one). */
  repairDetail: ['id'],
  /** An owners' vote (art. 278: what only the owners decide). */
  voteDetail: ['id'],
  /** A 议事厅 topic (concerns). */
  concernTopic: ['id'],
  /** 我有话说 (concerns): where the party structure page sends a resident who wants their lead. */
  concernRaise: [],
} as const satisfies Record<string, readonly string[]>;
export type AppLinkName = keyof typeof APP_LINKS;
export const APP_LINK_NAMES = Object.keys(APP_LINKS) as AppLinkName[];

export interface AppLink {
  to: AppLinkName;
  params: Record<string, string>;
  /** The button's words, e.g. 查看账目明细. */
  label: string;
}

/** Parameter values are ids and periods: letters, digits, '-' and '_'. */
export const LINK_PARAM = /^[A-Za-z0-9_-]{1,64}$/;

/** True when the link names a known page with exactly its parameters, each a plain value. */
export function isValidLink(l: { to: string; params: Record<string, unknown> }): boolean {
  const want = (APP_LINKS as Record<string, readonly string[] | undefined>)[l.to];
  if (!want) return false;
  const keys = Object.keys(l.params);
  return keys.length === want.length && want.every((k) => typeof l.params[k] === 'string' && LINK_PARAM.test(l.params[k] as string));
}

/**
 * Pages a mini-program code opens (wxacode.getUnlimited's `page`: no leading '/', no
 * query; the data travels in `scene`). A function names them here without reaching
 * the client; tests/unit/onboarding-rules.test.ts checks each is a page of the app.
 */
export const SCAN_PAGES = {
  /** Binding a home; `scene` b=<buildingId> chooses the building. */
  bindBuilding: 'packages/accounts/pages/bind/index',
} as const;

/**
 * wxacode.getUnlimited's `scene`: at most 32 visible characters from digits, letters
 * and !#$&'()*+,/:;=?@-._~ (developers.weixin.qq.com/miniprogram/dev/server/API/
 * qrcode-link/qr-code/api_getunlimitedqrcode.md).
 */
export const SCENE_MAX = 32;
export const SCENE_CHARS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/;

/** A building's scene: `b=<buildingId>`. Throws when it would not fit a mini-program code. */
export function buildingScene(buildingId: string): string {
  const scene = `b=${buildingId}`;
  if (scene.length > SCENE_MAX || !SCENE_CHARS.test(scene))
    throw new Error(`building id ${buildingId} does not fit a mini-program code's scene`);
  return scene;
}

/** The building a scanned code names (the page receives `scene` URI-encoded), or null. */
export function sceneBuilding(scene: string | undefined | null): string | null {
  if (!scene) return null;
  let s: string;
  try {
    s = decodeURIComponent(scene);
  } catch {
    return null;
  }
  const m = /^b=([A-Za-z0-9_.-]{1,30})$/.exec(s);
  return m ? m[1] : null;
}
