/**
 * 第一步 for a newcomer without a poster or a code: find their compound by a few
 * characters of its name among the hundreds of a district (accounts `compounds.search`,
 * 20 a page, names and communities only), then read the one picked with its buildings
 * (`compounds.get`). Nothing is read before they search.
 */
import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import type { CompoundHit, CompoundInfo } from '@core/accounts/contract';
import { COMPOUND_QUERY_MAX, searchForm } from '@core/accounts/search';
import { EmptyView } from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { api, toServiceError } from '@/services/cloud';

export function FindCompound(props: { onPick: (c: CompoundInfo) => void }) {
  const [q, setQ] = useState('');
  const [asked, setAsked] = useState('');
  const [hits, setHits] = useState<{ items: CompoundHit[]; nextCursor?: string } | null>(null);
  const [busy, setBusy] = useState<'search' | 'more' | null>(null);
  const [opening, setOpening] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function search(cursor?: string) {
    // The server's own reading of the query (spaces and invisible characters dropped), checked before asking.
    const query = cursor ? asked : q;
    const form = searchForm(query);
    if (!form) return setError('请输入小区名称中的几个字');
    if (Array.from(form).length > COMPOUND_QUERY_MAX) return setError(`最多${COMPOUND_QUERY_MAX}个字`);
    setError(null);
    setBusy(cursor ? 'more' : 'search');
    try {
      const page = await api('accounts').call('compounds.search', { q: query, size: 20, ...(cursor ? { cursor } : {}) });
      setAsked(query);
      setHits((prev) => ({ items: cursor && prev ? [...prev.items, ...page.items] : page.items, nextCursor: page.nextCursor }));
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(null);
    }
  }

  async function open(id: string) {
    setOpening(id);
    setError(null);
    try {
      props.onPick(await api('accounts').call('compounds.get', { compoundId: id }));
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setOpening(null);
    }
  }

  return (
    <View className='bind-find'>
      <View className='section-title'>第一步：找到您的小区</View>
      <View className='bind-find__row'>
        <Input
          className='field__input bind-search'
          value={q}
          placeholder='小区名称中的几个字，如：天翔'
          maxlength={COMPOUND_QUERY_MAX * 2}
          confirmType='search'
          onInput={(e) => setQ(e.detail.value)}
          onConfirm={() => void search()}
        />
        <Btn type='primary' className='bind-search-go' loading={busy === 'search'} onClick={() => void search()}>
          搜索
        </Btn>
      </View>
      {error ? <View className='form-error bind-find-error'>{error}</View> : null}
      {hits && hits.items.length === 0 ? <EmptyView title={`没有找到“${asked.trim()}”`} text='请核对小区名称或向楼栋长要邀请码' /> : null}
      {hits && hits.items.length > 0 ? (
        <Choice
          className='bind-compounds'
          columns={1}
          options={hits.items.map((c) => ({ value: c.id, label: c.name, hint: c.communityName }))}
          value={opening}
          onChange={(id) => void open(id)}
        />
      ) : null}
      {hits?.nextCursor ? (
        <View className='load-more'>
          <Btn size='small' className='bind-compounds-more' loading={busy === 'more'} onClick={() => void search(hits.nextCursor)}>
            更多小区
          </Btn>
        </View>
      ) : null}
      {!hits ? <View className='muted bind-find__hint'>扫楼栋海报上的小程序码可直接进入本楼；也可以向楼栋长要邀请码。</View> : null}
    </View>
  );
}
