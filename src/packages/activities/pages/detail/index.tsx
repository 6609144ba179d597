/**
 * One activity: what, when, where; its 接龙 list in order (party badge when shown);
 * sign up / cancel; check-in with the day's code and check-out. Organisers get the
 * check-in code, tick names, correct hours with a reason, and export the list.
 * Shared into WeChat groups as a card (weapp). The state and the calls are in
 * useActivityPage; each card is a file next to this one.
 */
import { Button, View } from '@tarojs/components';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import '@/packages/activities/common.scss';
import ActivityInfo from './ActivityInfo';
import ActivitySheets from './ActivitySheets';
import OrganiserCard from './OrganiserCard';
import SignupCard from './SignupCard';
import SignupList from './SignupList';
import { isWeapp, toast, useActivityPage } from './useActivityPage';

export default function ActivityDetailPage() {
  const p = useActivityPage();
  const d = p.act.data;
  if (!d)
    return (
      <PageShell className='act-detail'>
        <StateView {...p.act.state} />
      </PageShell>
    );

  return (
    <PageShell className='act-detail'>
      <ActivityInfo d={d} />
      <SignupCard d={d} p={p} />
      <SignupList d={d} p={p} />
      {d.canManage ? <OrganiserCard d={d} p={p} /> : null}

      <View className='card'>
        {isWeapp ? (
          <Button openType='share' className='btn btn--ghost btn--block act-share'>
            分享到群
          </Button>
        ) : (
          <Btn type='ghost' block className='act-share' onClick={() => toast('请在微信中打开，点此分享到楼栋群')}>
            分享到群
          </Btn>
        )}
      </View>

      <ActivitySheets d={d} p={p} />
    </PageShell>
  );
}
