/**
 * 申请绑定: the compound (from a poster's building, or found by name), then building →
 * unit → room, relation and name, then a request the approvers see (bind page).
 */
import { useEffect, useMemo, useState } from 'react';
import { Input, Textarea, View } from '@tarojs/components';
import { RELATIONS, RELATION_LABELS, type Relation } from '@core/platform/roles';
import type { BindRequestView, CompoundInfo, HomeSummary, MyHome, RoleView } from '@core/accounts/contract';
import { ACCOUNT_LIMITS } from '@core/accounts/limits';
import StateView, { EmptyView } from '@/components/StateView';
import Loading from '@/components/Loading';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import { cachedMe, refreshMe } from '@/store/me';
import { onBindingRequested } from './subscribe';
import { FindCompound } from './FindCompound';
import { validateBindForm, type BindForm } from './validate';

/** What binding ended in: a request to approve, a home redeemed by code, or a staff role. */
export type Done = { kind: 'requested'; request: BindRequestView } | { kind: 'redeemed'; home: MyHome } | { kind: 'staff'; role: RoleView };

export function PickHome(props: { onDone: (d: Done) => void; buildingId?: string | null }) {
  // From a poster: its building's compound, read directly (no search); a building that is gone falls back to the search.
  const fromPoster = useRemote(() => api('accounts').call('compounds.get', { buildingId: props.buildingId! }), [], {
    skip: !props.buildingId,
  });
  const [compound, setCompound] = useState<CompoundInfo | null>(null);
  const [buildingId, setBuildingId] = useState<string | null>(null);
  const [unit, setUnit] = useState<string | null>(null);
  const [home, setHome] = useState<HomeSummary | null>(null);
  const [homes, setHomes] = useState<{ items: HomeSummary[]; nextCursor?: string } | null>(null);
  const [homesLoading, setHomesLoading] = useState(false);
  const [homesError, setHomesError] = useState<string | null>(null);
  const [relation, setRelation] = useState<Relation | null>(null);
  const [form, setForm] = useState<BindForm>({ name: cachedMe()?.person?.name ?? '', phone: '', note: '' });
  const [contactLead, setContactLead] = useState<boolean>(cachedMe()?.person?.contactLead ?? false);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<keyof BindForm | 'relation', string>>>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // One id per request content: a retry after a timeout is the same request.
  const requestId = useRequestId([home?.id, relation, form.name.trim(), form.phone.trim(), form.note.trim()]);

  const building = compound?.buildings.find((b) => b.id === buildingId) ?? null;
  const needsUnit = !!building && building.units.length > 1;

  const buildingOptions = useMemo(
    () => (compound?.buildings ?? []).map((b) => ({ value: b.id, label: b.name, hint: b.kind === 'shops' ? '商铺' : `${b.homeCount}户` })),
    [compound],
  );

  async function loadHomes(bId: string, u: string | null, cursor?: string) {
    setHomesLoading(true);
    setHomesError(null);
    try {
      const page = await api('accounts').call('homes.list', {
        buildingId: bId,
        ...(u ? { unit: u } : {}),
        size: 50,
        ...(cursor ? { cursor } : {}),
      });
      setHomes((prev) => ({ items: cursor && prev ? [...prev.items, ...page.items] : page.items, nextCursor: page.nextCursor }));
    } catch (e) {
      setHomesError(toServiceError(e).message);
    } finally {
      setHomesLoading(false);
    }
  }

  // From a poster: its compound and building are chosen once read.
  useEffect(() => {
    const from = props.buildingId;
    const c = fromPoster.data;
    if (!from || !c) return;
    setCompound(c);
    setBuildingId(from);
    const b = c.buildings.find((x) => x.id === from);
    if (b && b.units.length <= 1) void loadHomes(from, b.units[0] ?? null);
  }, [fromPoster.data, props.buildingId]);

  function pickCompound(c: CompoundInfo | null) {
    setCompound(c);
    setBuildingId(null);
    setUnit(null);
    setHome(null);
    setHomes(null);
  }

  function pickBuilding(id: string) {
    setBuildingId(id);
    setUnit(null);
    setHome(null);
    setHomes(null);
    const b = compound?.buildings.find((x) => x.id === id);
    if (b && b.units.length <= 1) void loadHomes(id, b.units[0] ?? null);
  }

  function pickUnit(u: string) {
    setUnit(u);
    setHome(null);
    setHomes(null);
    if (buildingId) void loadHomes(buildingId, u);
  }

  async function submit() {
    if (!home) return;
    const errors: Partial<Record<keyof BindForm | 'relation', string>> = validateBindForm(form);
    if (!relation) errors.relation = '请选择您与房屋的关系';
    setFieldErrors(errors);
    setSubmitError(null);
    if (Object.keys(errors).length > 0 || !relation) return;
    setSubmitting(true);
    try {
      const request = await api('accounts').call('binding.request', {
        clientRequestId: requestId.id,
        homeId: home.id,
        relation,
        name: form.name.trim(),
        ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
        ...(form.note.trim() ? { note: form.note.trim() } : {}),
        ...(form.phone.trim() ? { contactLead } : {}),
      });
      requestId.renew();
      await onBindingRequested(request);
      void refreshMe().catch(() => undefined);
      props.onDone({ kind: 'requested', request });
    } catch (e) {
      setSubmitError(toServiceError(e).message);
    } finally {
      setSubmitting(false);
    }
  }

  if (!compound && fromPoster.loading) return <StateView {...fromPoster.state} />;
  if (!compound)
    return (
      <View className='bind-pick'>
        {fromPoster.error ? <View className='form-error'>海报上的楼栋没有找到（{fromPoster.error.message}），请搜索您的小区。</View> : null}
        <FindCompound onPick={pickCompound} />
      </View>
    );

  return (
    <View className='bind-pick'>
      <View className='row bind-compound'>
        <View className='row__main'>
          <View className='row__title'>{compound.name}</View>
          <View className='row__sub'>{compound.communityName}</View>
        </View>
        <Btn size='small' className='bind-compound-change' onClick={() => pickCompound(null)}>
          换一个小区
        </Btn>
      </View>

      {compound.buildings.length ? (
        <View>
          <View className='section-title'>选择楼栋</View>
          <Choice className='bind-buildings' columns={3} options={buildingOptions} value={buildingId} onChange={pickBuilding} />
        </View>
      ) : (
        <EmptyView title='这个小区还没有登记楼栋' text='请联系楼栋长或业委会，或使用邀请码' />
      )}

      {building && needsUnit ? (
        <View>
          <View className='section-title'>选择单元</View>
          <Choice
            className='bind-units'
            columns={3}
            options={building.units.map((u) => ({ value: u, label: u }))}
            value={unit}
            onChange={pickUnit}
          />
        </View>
      ) : null}

      {building && (!needsUnit || unit) ? (
        <View>
          <View className='section-title'>选择房号</View>
          {homes && homes.items.length > 0 ? (
            <Choice
              className='bind-homes'
              columns={3}
              options={homes.items.map((h) => ({ value: h.id, label: h.number }))}
              value={home?.id ?? null}
              onChange={(id) => setHome(homes.items.find((h) => h.id === id) ?? null)}
            />
          ) : null}
          {homesLoading ? <Loading /> : null}
          {homesError ? <View className='form-error'>{homesError}</View> : null}
          {homes && homes.items.length === 0 && !homesLoading ? (
            <EmptyView title='这里还没有登记的房屋' text='请联系楼栋长或业委会' />
          ) : null}
          {homes?.nextCursor && !homesLoading ? (
            <View className='load-more'>
              <Btn size='small' onClick={() => buildingId && loadHomes(buildingId, unit, homes.nextCursor)}>
                加载更多房号
              </Btn>
            </View>
          ) : null}
        </View>
      ) : null}

      {home ? (
        <View className='card bind-form'>
          <View className='card__title'>
            第二步：{home.compoundName} {home.label}
          </View>
          <View className='field'>
            <View className='field__label'>您与房屋的关系</View>
            <Choice
              className='bind-relations'
              columns={3}
              options={RELATIONS.map((r) => ({ value: r, label: RELATION_LABELS[r] }))}
              value={relation}
              onChange={setRelation}
            />
            {fieldErrors.relation ? <View className='field__error'>{fieldErrors.relation}</View> : null}
          </View>
          <View className='field'>
            <View className='field__label'>姓名</View>
            <Input
              className='field__input bind-name'
              value={form.name}
              placeholder='请输入真实姓名'
              maxlength={ACCOUNT_LIMITS.nameMax}
              onInput={(e) => setForm({ ...form, name: e.detail.value })}
            />
            {fieldErrors.name ? <View className='field__error'>{fieldErrors.name}</View> : null}
          </View>
          <View className='field'>
            <View className='field__label'>
              手机号<View className='field__optional'>选填；楼栋长只看到遮挡后的号码</View>
            </View>
            <Input
              className='field__input bind-phone'
              type='number'
              value={form.phone}
              placeholder='11位手机号'
              maxlength={11}
              onInput={(e) => setForm({ ...form, phone: e.detail.value })}
            />
            {fieldErrors.phone ? <View className='field__error'>{fieldErrors.phone}</View> : null}
          </View>
          {form.phone.trim() ? (
            <View className='row bind-contact' onClick={() => setContactLead(!contactLead)}>
              <View className='row__main'>
                <View className='row__title'>愿意楼栋长联系我</View>
                <View className='row__sub'>打开后，本楼楼栋长能看到您的手机号并给您打电话</View>
              </View>
              <View className={`toggle${contactLead ? ' toggle--on' : ''}`}>
                <View className='toggle__knob' />
              </View>
            </View>
          ) : null}
          <View className='field'>
            <View className='field__label'>
              备注<View className='field__optional'>选填</View>
            </View>
            <Textarea
              className='field__textarea bind-note'
              value={form.note}
              placeholder='例如：我是301业主的女儿'
              maxlength={ACCOUNT_LIMITS.note}
              onInput={(e) => setForm({ ...form, note: e.detail.value })}
            />
            {fieldErrors.note ? <View className='field__error'>{fieldErrors.note}</View> : null}
          </View>
          {submitError ? <View className='form-error bind-error'>{submitError}</View> : null}
          <Btn type='primary' block loading={submitting} className='bind-submit' onClick={submit}>
            提交申请
          </Btn>
        </View>
      ) : null}
    </View>
  );
}
