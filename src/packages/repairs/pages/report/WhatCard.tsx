/** 修什么: the category, the description with its count, 紧急, and the property's promised clock for that choice. */
import { Switch, Textarea, View } from '@tarojs/components';
import { REPAIR_CATEGORIES, REPAIR_LIMITS } from '@core/repairs/rules';
import Choice from '@/components/Choice';
import { charCount } from '@/utils/text';
import type { ReportRepairPage } from './useReportRepairPage';

export function WhatCard({ what }: { what: ReportRepairPage['what'] }) {
  const { description, urgent, clock } = what;
  return (
    <View className='card'>
      <View className='card__title'>修什么</View>
      <Choice
        className='report-categories'
        columns={2}
        options={REPAIR_CATEGORIES.map((c) => ({ value: c, label: c }))}
        value={what.category || null}
        onChange={what.setCategory}
      />
      <View className='field'>
        <View className='field__label report-label'>
          描述
          <View className='report-count'>
            {charCount(description)}/{REPAIR_LIMITS.description}
          </View>
        </View>
        <Textarea
          className='field__textarea report-description'
          value={description}
          maxlength={REPAIR_LIMITS.description}
          placeholder='哪里坏了、从什么时候开始、方便上门的时间'
          onInput={(e) => what.setDescription(e.detail.value)}
        />
      </View>
      <View className='report-urgent' onClick={() => what.setUrgent(!urgent)}>
        <View className='report-urgent__main'>
          <View className='report-urgent__title'>紧急</View>
          <View className='muted'>漏水、停电、电梯困人等需要马上处理的</View>
        </View>
        <View onClick={(e) => e.stopPropagation()}>
          <Switch className='report-urgent__switch' checked={urgent} color='#c83a2a' onChange={(e) => what.setUrgent(e.detail.value)} />
        </View>
      </View>
      {clock ? (
        <View className='repair-note report-clock'>
          物业承诺：{clock.acceptHours}小时内受理，
          {clock.finishHours >= 24 ? `${Math.round(clock.finishHours / 24)}天` : `${clock.finishHours}小时`}内修好。超时可以催单。
        </View>
      ) : null}
    </View>
  );
}
