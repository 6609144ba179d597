/**
 * Subscribe messages. A user's tap on wx.requestSubscribeMessage grants ONE message
 * per template; `subscriptions` counts the grants each openid has left. A send
 * spends one grant first (conditionally, so two senders never spend one grant
 * twice) and gives it back when WeChat refused for a reason other than "no grant".
 */
import type { Ctx, CloudModule } from './router';
import type { Database } from './database';
import { repository } from './repo';
import { MINIPROGRAM_STATE } from '../../core/templates';

export interface SubscriptionDoc {
  _id: string;
  openid: string;
  personId: string | null;
  templateId: string;
  remaining: number;
  updatedAt: Date;
}
export const subscriptions = repository<SubscriptionDoc>('subscriptions');
export const subscriptionId = (openid: string, templateId: string) => `${openid}_${templateId}`;

/** The user tapped allow (accepted) or not; answers how many grants are left. */
export async function recordGrant(ctx: Ctx, input: { templateId: string; accepted: boolean }) {
  const id = subscriptionId(ctx.openid, input.templateId);
  const subs = subscriptions(ctx.db);
  const _ = ctx.db.command;
  if (input.accepted && !(await subs.patch(id, { remaining: _.inc(1), updatedAt: ctx.now }))) {
    const actor = await ctx.actor();
    try {
      await subs.add({
        _id: id,
        openid: ctx.openid,
        personId: actor.personId,
        templateId: input.templateId,
        remaining: 1,
        updatedAt: ctx.now,
      });
    } catch {
      await subs.patch(id, { remaining: _.inc(1), updatedAt: ctx.now }); // two taps raced to create it
    }
  }
  return { templateId: input.templateId, remaining: (await subs.get(id))?.remaining ?? 0 };
}

/** Grants left per openid for a template (absent = 0). */
export async function grantsLeft(db: Database, openids: string[], templateId: string): Promise<Map<string, number>> {
  const found = await subscriptions(db).byIds(openids.map((o) => subscriptionId(o, templateId)));
  return new Map(openids.map((o) => [o, found.get(subscriptionId(o, templateId))?.remaining ?? 0]));
}

export interface Message {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}

/**
 * Send one subscribe message, spending one grant. 'no-grant' when none is left
 * (on our count or on WeChat's); throws on other failures, with the grant returned.
 */
export async function sendWithGrant(db: Database, cloud: CloudModule, msg: Message, now: Date): Promise<'sent' | 'no-grant'> {
  const id = subscriptionId(msg.touser, msg.templateId);
  const _ = db.command;
  const spent = await subscriptions(db).patchWhere({ _id: id, remaining: _.gt(0) }, { remaining: _.inc(-1), updatedAt: now });
  if (!spent) return 'no-grant';
  try {
    // The version a message opens follows the environment's (core/templates.ts): 开发版 / 体验版 / 正式版.
    await cloud.openapi.subscribeMessage.send({ ...msg, miniprogramState: MINIPROGRAM_STATE, lang: 'zh_CN' });
    return 'sent';
  } catch (e) {
    // 43101: the user has no grant on WeChat's side after all (our count was stale).
    if ((e as { errCode?: number }).errCode === 43101) {
      await subscriptions(db).patch(id, { remaining: 0, updatedAt: now });
      return 'no-grant';
    }
    await subscriptions(db).patch(id, { remaining: _.inc(1), updatedAt: now });
    throw e;
  }
}
