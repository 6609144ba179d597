/**
 * Subscribe messages. A user's tap on wx.requestSubscribeMessage grants ONE message
 * per template; `subscriptions` counts the grants each openid has left, and a send
 * spends one. Sends happen after the database work they report on.
 */
import { NOTICE_TEMPLATE_FIELDS, NOTICE_TEMPLATE_ID } from '../../core/notices/contract';
import { clip, noticePage } from '../../core/notices/rules';
import { ROLE_LABELS } from '../../core/platform/roles';
import { formatDateTime } from '../../core/platform/time';
import type { CloudModule, Ctx, Database } from '../_shared/router';
import { getByIds } from '../_shared/db';
import type { NoticeDoc } from './docs';
import type { PersonDoc } from '../_shared/directory';
import type { SubscriptionDoc } from '../_shared/messaging';

export const subscriptionId = (openid: string, templateId: string) => `${openid}_${templateId}`;

export async function recordGrant(ctx: Ctx, input: { templateId: string; accepted: boolean }) {
  const id = subscriptionId(ctx.openid, input.templateId);
  const coll = ctx.db.collection('subscriptions');
  const current = async () => ((await coll.where({ _id: id }).limit(1).get()).data[0] as SubscriptionDoc | undefined)?.remaining ?? 0;
  if (!input.accepted) return { templateId: input.templateId, remaining: await current() };
  const _ = ctx.db.command;
  const bump = () => coll.where({ _id: id }).update({ data: { remaining: _.inc(1), updatedAt: ctx.now } });
  if (!(await bump()).stats.updated) {
    const actor = await ctx.actor();
    const doc: Omit<SubscriptionDoc, '_id'> = { openid: ctx.openid, personId: actor.personId, templateId: input.templateId, remaining: 1, updatedAt: ctx.now };
    try {
      await coll.add({ data: { _id: id, ...doc } });
    } catch {
      // Two taps raced to create it: the other one won, count this one on top.
      await bump();
    }
  }
  return { templateId: input.templateId, remaining: await current() };
}

/**
 * Message `personIds` about `notice`, each at most once, spending one grant each.
 * Returns who was messaged; people with no grant left are skipped.
 */
export async function messagePeople(
  db: Database,
  cloud: CloudModule,
  notice: NoticeDoc,
  personIds: string[],
  note: string,
  now: Date,
): Promise<Set<string>> {
  const sent = new Set<string>();
  if (!personIds.length) return sent;
  const people = await getByIds<PersonDoc>(db, 'people', personIds);
  const byOpenid = new Map([...people.values()].map((p) => [p.openid, p._id]));
  const subs = await getByIds<SubscriptionDoc>(db, 'subscriptions', [...byOpenid.keys()].map((o) => subscriptionId(o, NOTICE_TEMPLATE_ID)));
  const _ = db.command;
  const f = NOTICE_TEMPLATE_FIELDS;
  for (const s of subs.values()) {
    if (s.remaining < 1) continue;
    // Spend the grant first (conditionally), so two reminders never send one grant twice.
    const spent = await db.collection('subscriptions').where({ _id: s._id, remaining: _.gt(0) }).update({ data: { remaining: _.inc(-1), updatedAt: now } });
    if (!spent.stats.updated) continue;
    try {
      await cloud.openapi.subscribeMessage.send({
        touser: s.openid,
        templateId: NOTICE_TEMPLATE_ID,
        page: noticePage(notice._id),
        miniprogramState: 'formal',
        lang: 'zh_CN',
        data: {
          [f.title]: { value: clip(notice.title) },
          [f.author]: { value: clip(`${notice.authorName}（${ROLE_LABELS[notice.authorRole]}）`) },
          [f.time]: { value: formatDateTime(notice.publishedAt ?? now) },
          [f.note]: { value: clip(note) },
        },
      });
      sent.add(byOpenid.get(s.openid)!);
    } catch (e) {
      // 43101: the user has no grant on WeChat's side after all (our count was stale).
      const code = (e as { errCode?: number }).errCode;
      await db.collection('subscriptions').doc(s._id).update({ data: code === 43101 ? { remaining: 0 } : { remaining: _.inc(1) } });
    }
  }
  return sent;
}
