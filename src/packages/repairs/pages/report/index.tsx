/**
 * 我要报修: where (my home, or a common area of my compound), what, a description,
 * up to 9 photos (uploaded into my own folder), urgent or not. The property's
 * manager and staff log with repairs.log: 住户报修（代登记） for a home (a phone
 * call or a walk-in: building → unit → room, the caller's name and phone as typed;
 * the repair is the home's, its residents confirm it) or 巡查登记 for what they
 * found on patrol. A rejected text keeps the form as it was.
 */
import { View } from '@tarojs/components';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import '../../common.scss';
import './index.scss';
import { ForHomeCard } from './ForHomeCard';
import { LoggingMode } from './LoggingMode';
import { PhotosCard } from './PhotosCard';
import { SpotCard } from './SpotCard';
import { WhatCard } from './WhatCard';
import { useReportRepairPage } from './useReportRepairPage';

export default function ReportRepairPage() {
  const page = useReportRepairPage();
  const { p, mode } = page;
  if (!p || page.blank) {
    return (
      <PageShell className='repair-report'>
        <StateView
          {...page.places.state}
          empty={!!p && { title: '还没有可以报修的地方', text: '绑定房屋后，可以为自家和所住小区的公共区域报修。' }}
        />
      </PageShell>
    );
  }

  return (
    <PageShell className='repair-report'>
      <LoggingMode page={page} />
      {mode === 'forHome' ? <ForHomeCard compoundIds={p.logCompounds} who={page.who} /> : null}
      {mode !== 'forHome' ? <SpotCard where={page.where} /> : null}
      <WhatCard what={page.what} />
      <PhotosCard upload={page.upload} />
      {page.error ? <View className='form-error report-error'>{page.error}</View> : null}
      <Btn type='primary' block loading={page.submitting} disabled={page.upload.uploading} className='report-submit' onClick={page.submit}>
        {page.logging ? '登记报修' : '提交报修'}
      </Btn>
    </PageShell>
  );
}
