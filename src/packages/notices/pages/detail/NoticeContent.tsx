/** The notice itself: tags, title, author, when and to whom, the text and photos, its link, the ledger's check code, the earlier version. */
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import type { NoticeDetail } from '@core/notices/contract';
import Btn from '@/components/Btn';
import { linkUrl } from '@/features/links';
import { ROUTES } from '@/routes';
import { formatDateTime } from '@/utils/format';

export function NoticeContent({ n }: { n: NoticeDetail }) {
  const urls = n.images.map((i) => i.url).filter(Boolean);
  return (
    <View className={`card notice-detail__card${n.emergency ? ' notice-detail__card--urgent' : ''}`}>
      <View className='notice-detail__tags'>
        <View className={`tag${n.emergency ? ' tag--urgent' : ''}`}>{n.category}</View>
        {n.pinned ? <View className='tag tag--blue'>置顶</View> : null}
        {n.version > 1 ? <View className='tag tag--grey'>更正版（第{n.version}版）</View> : null}
        {n.mustReread ? <View className='tag tag--urgent notice-detail__reread'>内容有重要更正，请重新阅读</View> : null}
        {n.status !== 'published' ? <View className='tag tag--grey'>{n.statusLabel}</View> : null}
        {n.expired ? <View className='tag tag--grey'>已过期</View> : null}
      </View>
      <View className='notice-detail__title'>{n.title}</View>
      <View className='notice-detail__author'>
        {n.author.name} · {n.author.roleLabel}
        {n.author.partyBadge ? <View className='party-badge'>党员</View> : null}
      </View>
      <View className='muted'>发布时间：{formatDateTime(n.publishedAt ?? n.createdAt)}</View>
      <View className='muted'>发送范围：{n.targetsLabel}</View>
      {n.expiresOn ? <View className='muted'>有效期至：{n.expiresOn}</View> : null}
      {n.correctionNote ? <View className='notice-detail__note'>更正说明：{n.correctionNote}</View> : null}
      {n.body ? <View className='notice-detail__body'>{n.body}</View> : null}
      {urls.length > 0 ? (
        <View className='notice-detail__images'>
          {urls.map((u) => (
            <Image
              key={u}
              src={u}
              mode='aspectFill'
              className='notice-detail__image'
              onClick={() => Taro.previewImage({ urls, current: u })}
            />
          ))}
        </View>
      ) : null}
      {n.link && n.status !== 'withdrawn' ? (
        <Btn type='primary' block className='notice-detail__link' onClick={() => Taro.navigateTo({ url: linkUrl(n.link!) })}>
          {n.link.label}
        </Btn>
      ) : null}
      {n.ledgerWitness?.length && n.status !== 'withdrawn' ? (
        <View className='muted notice-detail__witness'>
          {n.ledgerWitness.map((w) => (
            <View key={w.compoundId}>
              小区账本 {w.day}：到第 {w.seq} 笔，校验码 <Text className='notice-detail__witness-code'>{w.code}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {n.previousId ? (
        <View
          className='notice-detail__prev'
          onClick={() => Taro.navigateTo({ url: `${ROUTES.noticeDetail}?id=${encodeURIComponent(n.previousId!)}` })}
        >
          查看更正前的版本 ›
        </View>
      ) : null}
    </View>
  );
}
