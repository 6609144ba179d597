/** Stored notices → what crosses the wire. What each viewer may see is decided here, in one place. */
import type { NoticeDetail, NoticeImage, NoticeListItem } from '../../core/notices/contract';
import { NOTICE_STATUS_LABELS, canCorrect, canTransition, excerpt, isEmergency, isExpired } from '../../core/notices/rules';
import { ROLE_LABELS } from '../../core/platform/roles';
import { formatDate } from '../../core/platform/time';
import { iso } from '../_shared/db';
import { witnessCode } from '../../core/platform/witness';
import type { NoticeDoc } from './docs';

export function listItem(n: NoticeDoc, unread: boolean): NoticeListItem {
  return {
    id: n._id,
    title: n.title,
    excerpt: n.status === 'withdrawn' ? '' : excerpt(n.body),
    category: n.category,
    emergency: isEmergency(n.category),
    pinned: n.pinned,
    status: n.status,
    statusLabel: NOTICE_STATUS_LABELS[n.status],
    author: {
      personId: n.authorId,
      name: n.authorName,
      role: n.authorRole,
      roleLabel: ROLE_LABELS[n.authorRole],
      partyBadge: n.partyBadge && !ROLE_LABELS[n.authorRole].startsWith('党员'),
    },
    targetsLabel: n.targetsLabel,
    version: n.version,
    imageCount: n.images.length,
    ...(n.images[0] ? { cover: n.images[0] } : {}),
    createdAt: iso(n.createdAt),
    ...(n.publishedAt ? { publishedAt: iso(n.publishedAt) } : {}),
    ...(n.expiresAt ? { expiresOn: formatDate(iso(n.expiresAt)) } : {}),
    unread,
  };
}

/**
 * `reader` (the audience) sees no rejection reason and, once withdrawn, only the
 * title and who withdrew it and why; `full` (author, trackers) sees everything.
 */
export function detailView(
  n: NoticeDoc,
  o: { access: 'full' | 'reader'; unread: boolean; images: NoticeImage[]; canTrack: boolean; canManage: boolean; now: Date },
): NoticeDetail {
  const hideBody = o.access === 'reader' && n.status === 'withdrawn';
  const base = listItem(n, o.unread);
  if (hideBody) {
    delete base.cover;
    base.imageCount = 0;
  }
  return {
    ...base,
    body: hideBody ? '' : n.body,
    images: hideBody ? [] : o.images,
    targets: n.targets.map((t) => ({
      kind: t.kind,
      compoundId: t.compoundId,
      ...(t.kind === 'building' ? { buildingId: t.buildingId } : {}),
    })),
    ...(n.previousId ? { previousId: n.previousId } : {}),
    ...(n.correctedById ? { correctedById: n.correctedById } : {}),
    ...(n.correctionNote ? { correctionNote: n.correctionNote } : {}),
    ...(n.previousId && (n.readFromVersion ?? 1) === n.version ? { mustReread: true } : {}),
    ...(n.withdrawal ? { withdrawal: { byName: n.withdrawal.byName, reason: n.withdrawal.reason, at: iso(n.withdrawal.at) } } : {}),
    ...(n.rejectReason && o.access === 'full' ? { rejectReason: n.rejectReason } : {}),
    // Reads are tracked once it has gone out: not while WeChat's check runs, nor after it refused it.
    canTrack: o.canTrack && n.status !== 'reviewing' && n.status !== 'rejected',
    canManage: o.canManage,
    canCorrect: o.canManage && canCorrect(n.status),
    canWithdraw: o.canManage && canTransition(n.status, 'withdrawn'),
    expired: isExpired(n, o.now),
    ...(n.link && !hideBody ? { link: n.link } : {}),
    ...(n.ledgerHeads?.length && !hideBody
      ? { ledgerWitness: n.ledgerHeads.map((q) => ({ compoundId: q.compoundId, day: q.day, seq: q.seq, code: witnessCode(q.hash) })) }
      : {}),
  };
}
