/**
 * CloudBase plans and prices for `npm run cost`.
 *
 * Sources (read 2026-12-07):
 * - Quotas of the basic plan of 小程序·云开发 (per environment): 200,000 function calls and
 *   40,000 GBs a month, 50,000 DB reads and 30,000 writes a day, 2 GB database, 5 GB storage —
 *   https://developers.weixin.qq.com/miniprogram/dev/wxcloud/basis/quota.html (English:
 *   .../minigame/en/dev/wxcloud/basis/concepts/quota.html).
 * - The larger prepaid plans (GBs a month, reads and writes a day, database and storage, price
 *   in yuan a month): Tencent Cloud's 云开发 产品定价, 包年包月 —
 *   https://cloud.tencent.com/document/product/876/39095 (tencentyun/qcloud-documents,
 *   product/移动与通信/应用服务平台/购买指南/产品定价.md): 基础版2 30 元, 专业版1 104 元,
 *   专业版2 390 元, 旗舰版1 860 元. The same GBs and reads per plan appear in WeChat's table of
 *   资源配额 (基础版 1 … 企业版 1). Neither table we could read offline gives a monthly call
 *   limit for the larger plans, so calls are checked against the basic plan only.
 * - Pay-as-you-go unit prices (same 产品定价 page, 按量计费): 0.00011108 元/GBs, DB reads
 *   0.015 元 and writes 0.05 元 per 10,000, DB capacity 0.07 元/GB/day, storage 0.0043 元/GB/day,
 *   calls 0.0133 元 per 10,000 (its 预置并发 example).
 * - Subscribe messages (read 2026-12-08): `openapi.subscribeMessage.send` is a 云调用, "云开发提供的
 *   基于云函数使用小程序开放接口的能力" that runs inside a cloud function through wx-server-sdk —
 *   https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/openapi/openapi.html. The quota
 *   table above has no line for cloud calls: a send is billed as part of the function invocation
 *   it runs in (one call, its GB-seconds while it waits for WeChat), which the month meters
 *   already. WeChat limits the API itself: "次数限制：开通支付能力的是 3kw/日，没开通的是 1kw/日" —
 *   https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 *   (also .../minigame/dev/api-backend/open-api/subscribe-message/subscribeMessage.send.html).
 *   We take WeChat Pay as enabled (fees are paid in the app): 30,000,000 a day.
 * The basic plan's own price could not be checked offline (WeChat has offered it free and
 * for a fee at different times): it is printed as "—" and the per-home figures use the
 * pay-as-you-go price of the metered usage as well as the cheapest plan that fits.
 */
export interface Plan {
  name: string;
  /** yuan a month; null when not known */
  priceYuan: number | null;
  callsPerMonth: number;
  gbsPerMonth: number;
  readsPerDay: number;
  writesPerDay: number;
  dbGB: number;
  storageGB: number;
}

export const PLANS: Plan[] = [
  {
    name: '基础版 (basic)',
    priceYuan: null,
    callsPerMonth: 200_000,
    gbsPerMonth: 40_000,
    readsPerDay: 50_000,
    writesPerDay: 30_000,
    dbGB: 2,
    storageGB: 5,
  },
  {
    name: '基础版2',
    priceYuan: 30,
    callsPerMonth: Infinity,
    gbsPerMonth: 200_000,
    readsPerDay: 250_000,
    writesPerDay: 150_000,
    dbGB: 3,
    storageGB: 10,
  },
  {
    name: '专业版1',
    priceYuan: 104,
    callsPerMonth: Infinity,
    gbsPerMonth: 400_000,
    readsPerDay: 500_000,
    writesPerDay: 300_000,
    dbGB: 5,
    storageGB: 50,
  },
  {
    name: '专业版2',
    priceYuan: 390,
    callsPerMonth: Infinity,
    gbsPerMonth: 1_500_000,
    readsPerDay: 1_500_000,
    writesPerDay: 1_000_000,
    dbGB: 10,
    storageGB: 100,
  },
  {
    name: '旗舰版1',
    priceYuan: 860,
    callsPerMonth: Infinity,
    gbsPerMonth: 4_000_000,
    readsPerDay: 5_000_000,
    writesPerDay: 3_000_000,
    dbGB: 10,
    storageGB: 500,
  },
];

export const PAYG = {
  perGbs: 0.00011108,
  perRead: 0.015 / 10_000,
  perWrite: 0.05 / 10_000,
  perCall: 0.0133 / 10_000,
  dbPerGbDay: 0.07,
  storagePerGbDay: 0.0043,
};

/** subscribeMessage.send: no CloudBase quota of its own (a 云调用 inside a metered invocation); WeChat's daily limit. */
export const SUBSCRIBE_SEND = {
  cloudbaseQuota: null,
  /** sends a day for a mini-program with WeChat Pay enabled (10,000,000 without) */
  wechatPerDay: 30_000_000,
};
