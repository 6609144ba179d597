/**
 * Fee items and their rates: the committee sets a rate from a month on; the property
 * manager proposes. Units: property fen/m²/month by tier, parking fen/space/month,
 * fixed fen/home/month, ev fen/kWh.
 */
import { reachMilestone } from '../_shared/milestones';
import { assertCan, can } from '../../core/authz';
import type { FeeItemView } from '../../core/fees/contract';
import type { FeeItemDoc } from '../../core/fees/docs';
import { FEE_KIND_LABELS, rateIn, withVersion, type FeeKind, type Tier } from '../../core/fees/rules';
import { AppError } from '../../core/platform/errors';
import { periodOf } from '../../core/platform/time';
import { compounds, requirePerson } from '../_shared/directory';
import { iso } from '../_shared/db';
import { transaction } from '../_shared/repo';
import type { Ctx } from '../_shared/router';
import { compoundTarget, readableCompound } from './common';
import { feeItems } from './docs';

export function itemView(d: FeeItemDoc, now: Date): FeeItemView {
  const cur = rateIn(d.rates, periodOf(now));
  const strip = (v: { from: string; tiers?: Partial<Record<Tier, number>>; fen?: number }) => ({
    from: v.from,
    ...(v.tiers ? { tiers: v.tiers } : {}),
    ...(v.fen !== undefined ? { fen: v.fen } : {}),
  });
  return {
    code: d.code,
    kind: d.kind,
    kindLabel: FEE_KIND_LABELS[d.kind],
    name: d.name,
    current: cur ? strip(cur) : null,
    history: d.rates.map((v) => ({ ...strip(v), setAt: v.setAt })),
    proposals: d.proposals.map((p) => ({ ...strip(p), byName: p.byName, at: iso(p.at), ...(p.reason ? { reason: p.reason } : {}) })),
  };
}

export async function listItems(ctx: Ctx, input: { compoundId: string }): Promise<FeeItemView[]> {
  await readableCompound(ctx, input.compoundId);
  const docs = await feeItems(ctx.db).find({ compoundId: input.compoundId }, { limit: 50 });
  return docs.sort((a, b) => a.code.localeCompare(b.code)).map((d) => itemView(d, ctx.now));
}

export async function setRate(
  ctx: Ctx,
  input: {
    compoundId: string;
    itemCode: string;
    kind: FeeKind;
    name: string;
    from: string;
    tiers?: Partial<Record<Tier, number>>;
    fen?: number;
    reason?: string;
  },
): Promise<{ state: 'set' | 'proposed'; item: FeeItemView }> {
  // property: fen per m² by tier; parking, fixed: fen per space / home per month; ev: fen per kWh.
  if (
    input.kind === 'property'
      ? !input.tiers || !Object.keys(input.tiers).length || input.fen !== undefined
      : input.tiers !== undefined || input.fen === undefined
  ) {
    throw new AppError(
      'BAD_REQUEST',
      input.kind === 'property' ? '物业费按房屋类型设置每平方米单价' : input.kind === 'ev' ? '请填写每度电的单价' : '请填写每月金额',
    );
  }
  const actor = await ctx.actor();
  const compound = await compounds(ctx.db).get(input.compoundId);
  if (!compound) throw new AppError('NOT_FOUND');
  const t = compoundTarget(compound);
  const sets = can(actor, 'fees.rate.set', t);
  if (!sets) assertCan(actor, 'fees.rate.propose', t);
  if (!sets && !input.reason) throw new AppError('BAD_REQUEST', '请写明提议的理由，供业委会决定');
  const person = await requirePerson(ctx.db, actor);
  const id = `${compound._id}_${input.itemCode}`;
  const version = {
    from: input.from,
    ...(input.tiers ? { tiers: input.tiers } : {}),
    ...(input.fen !== undefined ? { fen: input.fen } : {}),
  };
  const doc = await transaction(ctx.db, async (tx) => {
    const repo = feeItems(ctx.db).in(tx);
    const cur = await repo.get(id);
    if (cur && cur.kind !== input.kind) throw new AppError('BAD_REQUEST', '收费项目类型不能更改');
    const { _id: _ignored, ...stored } = cur ?? { _id: id };
    void _ignored;
    const base: Omit<FeeItemDoc, '_id'> = cur
      ? (stored as Omit<FeeItemDoc, '_id'>)
      : {
          compoundId: compound._id,
          communityId: compound.communityId,
          code: input.itemCode,
          kind: input.kind,
          name: input.name,
          rates: [],
          proposals: [],
          updatedAt: ctx.now,
        };
    const next: Omit<FeeItemDoc, '_id'> = sets
      ? {
          ...base,
          name: input.name,
          rates: withVersion(base.rates, { ...version, setBy: person._id, setAt: ctx.now.toISOString() }),
          proposals: base.proposals.filter((p) => p.from !== input.from),
          updatedAt: ctx.now,
        }
      : {
          ...base,
          proposals: [
            ...base.proposals.filter((p) => p.from !== input.from || p.by !== person._id),
            { ...version, by: person._id, byName: person.name, at: ctx.now, ...(input.reason ? { reason: input.reason } : {}) },
          ].slice(-10),
          updatedAt: ctx.now,
        };
    await repo.put(id, next);
    return { _id: id, ...next };
  });
  // The first-run guide's 收费标准 step (onboarding reads milestones, not fee items).
  if (sets) await reachMilestone(ctx.db, compound._id, 'rates', ctx.now);
  return { state: sets ? 'set' : 'proposed', item: itemView(doc, ctx.now) };
}
