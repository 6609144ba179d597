/** The organiser's two sheets: 取消活动 with a reason everyone sees, and 更正时长 with a recorded reason. */
import type { ReactNode } from 'react';
import { Input, View } from '@tarojs/components';
import type { ActivityDetail } from '@core/activities/contract';
import Btn from '@/components/Btn';
import Sheet from '@/components/Sheet';
import type { ActivityPageState } from './useActivityPage';

interface ReasonSheetProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** The reason's field: up to 100 characters, kept with the change. */
  reason: { label: string; className: string; value: string; placeholder: string; onChange: (v: string) => void };
  cancelText: string;
  confirm: { type: 'primary' | 'danger'; className: string; text: string; onClick: () => void };
  busy: boolean;
}

function ReasonSheet({ open, title, onClose, children, reason, cancelText, confirm, busy }: ReasonSheetProps) {
  return (
    <Sheet open={open} title={title} onClose={onClose}>
      {children}
      <View className='field'>
        <View className='field__label'>{reason.label}</View>
        <Input
          className={`field__input ${reason.className}`}
          value={reason.value}
          maxlength={100}
          placeholder={reason.placeholder}
          onInput={(e) => reason.onChange(e.detail.value)}
        />
      </View>
      <View className='actions'>
        <Btn onClick={onClose}>{cancelText}</Btn>
        <Btn type={confirm.type} loading={busy} className={confirm.className} onClick={confirm.onClick}>
          {confirm.text}
        </Btn>
      </View>
    </Sheet>
  );
}

export default function ActivitySheets({ d, p }: { d: ActivityDetail; p: ActivityPageState }) {
  return (
    <>
      <ReasonSheet
        open={p.cancelling}
        title='取消活动'
        onClose={() => p.setCancelling(false)}
        reason={{
          label: '取消原因（大家都能看到）',
          className: 'act-cancel-reason',
          value: p.cancelReason,
          placeholder: '例如：明天大雨，改期另行通知',
          onChange: p.setCancelReason,
        }}
        cancelText='不取消'
        confirm={{ type: 'danger', className: 'act-cancel-activity-confirm', text: '确认取消活动', onClick: () => void p.cancelActivity() }}
        busy={p.busy}
      >
        <View className='note'>已报名和候补的 {d.confirmed + d.waiting} 位邻居会收到取消通知（已同意接收消息的）。</View>
      </ReasonSheet>

      <ReasonSheet
        open={!!p.fix}
        title={`更正时长：${p.fix?.name ?? ''}`}
        onClose={() => p.setFix(null)}
        reason={{
          label: '更正原因（会记录在案）',
          className: 'act-fix-reason',
          value: p.fixReason,
          placeholder: '例如：提前离开',
          onChange: p.setFixReason,
        }}
        cancelText='取消'
        confirm={{ type: 'primary', className: 'act-fix-confirm', text: '确认更正', onClick: () => void p.correctHours() }}
        busy={p.busy}
      >
        <View className='field'>
          <View className='field__label'>时长（分钟）</View>
          <Input className='field__input act-fix-min' type='number' value={p.fixMin} onInput={(e) => p.setFixMin(e.detail.value)} />
        </View>
      </ReasonSheet>
    </>
  );
}
