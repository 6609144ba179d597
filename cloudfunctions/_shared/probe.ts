/**
 * The deploy's permission check (`npm run deploy -- --verify`): a function asked with
 * `{ probe: 'openapi', apis: [...] }` calls each cloud-call API once with a harmless
 * request and says which ones WeChat refused for lack of permission (errCode -604101:
 * the function's permissions.openapi was not registered, see docs/deploy.md). A
 * harmless request is one WeChat rejects for its content (an unknown openid, a made-up
 * template) after the permission check, so nothing is sent and nothing is stored.
 */
/** The part of wx-server-sdk a probe uses (kept local: the router imports this file). */
type CloudModule = { openapi: unknown };

export type ProbeOutcome = { api: string; outcome: 'allowed' | 'refused' | 'unknown'; errCode?: number; errMsg?: string };

type Openapi = Record<string, Record<string, (d: object) => Promise<unknown>> | undefined>;

/** A request each API refuses for its content, never for its form (version 2 where it exists). */
const HARMLESS: Record<string, object> = {
  'subscribeMessage.send': {
    touser: 'o-jinlin-permission-probe',
    templateId: 'jinlin-permission-probe',
    page: 'pages/index/index',
    data: {},
  },
  'security.msgSecCheck': { content: '近邻', version: 2, scene: 1, openid: 'o-jinlin-permission-probe' },
  'security.mediaCheckAsync': {
    mediaUrl: 'https://example.invalid/jinlin-probe.png',
    mediaType: 2,
    version: 2,
    scene: 1,
    openid: 'o-jinlin-permission-probe',
  },
  'wxacode.getUnlimited': { scene: 'probe', page: 'pages/index/index', checkPath: false, width: 280 },
};

/** -604101: "function has no permission to call this API" (the platform's cloud-call check). */
export const NO_PERMISSION = -604101;

export async function probeOpenapi(cloud: CloudModule, apis: string[]): Promise<ProbeOutcome[]> {
  const out: ProbeOutcome[] = [];
  for (const api of apis.slice(0, 20)) {
    const [group, name] = api.split('.');
    const fn = (cloud.openapi as unknown as Openapi)[group]?.[name];
    const request = HARMLESS[api];
    if (!fn || !request) {
      out.push({ api, outcome: 'unknown', errMsg: 'no harmless request known for this API' });
      continue;
    }
    try {
      await fn(request);
      out.push({ api, outcome: 'allowed' });
    } catch (e) {
      const errCode = (e as { errCode?: number }).errCode;
      const errMsg = String((e as { errMsg?: string }).errMsg ?? (e as Error).message ?? '').slice(0, 200);
      // Any answer other than -604101 came from the API itself: the permission is there.
      out.push({ api, outcome: errCode === NO_PERMISSION ? 'refused' : 'allowed', errCode, errMsg });
    }
  }
  return out;
}

export function isProbe(e: Record<string, unknown>): e is { probe: 'openapi'; apis: string[] } {
  return e.probe === 'openapi' && Array.isArray(e.apis) && e.apis.every((a) => typeof a === 'string' && a.length <= 64) && !('action' in e);
}
