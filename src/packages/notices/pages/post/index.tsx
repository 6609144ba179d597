/**
 * 发布通知, and 更正 (`?correct=<id>`) with the same form. Posting needs the places
 * the person may post to: compounds.list gives the names (the page's one call; the
 * roles come from the me store). Correcting keeps the original audience and
 * prefills from notices.open. A rejected text keeps the form as it was.
 */
import { View } from '@tarojs/components';
import { canCorrect } from '@core/notices/rules';
import PageShell from '@/components/PageShell';
import StateView, { EmptyView } from '@/components/StateView';
import Btn from '@/components/Btn';
import '@/packages/notices/common.scss';
import './index.scss';
import { AudienceCard } from './AudienceCard';
import { ContentCard } from './ContentCard';
import { CorrectionCard } from './CorrectionCard';
import { ImagesCard } from './ImagesCard';
import { usePostNoticePage } from './usePostNoticePage';

export default function PostNoticePage() {
  const page = usePostNoticePage();
  const { loaded } = page;
  if (!loaded || (loaded.mode === 'post' && loaded.groups.length === 0)) {
    return (
      <PageShell className='notice-post'>
        <StateView {...page.source.state} permission='notice.post' permissionAction='发布通知' denied={!!loaded} />
      </PageShell>
    );
  }
  if (loaded.mode === 'correct' && !(loaded.notice.canManage && canCorrect(loaded.notice.status))) {
    return (
      <PageShell className='notice-post'>
        <EmptyView title='这条通知不能更正' text='只有已发布的通知可以更正，且只有发布人或有权发布的人可以更正。' />
      </PageShell>
    );
  }

  return (
    <PageShell className='notice-post'>
      {loaded.mode === 'correct' ? (
        <View className='banner banner--info post-correcting'>
          更正“{loaded.notice.title}”：发布后原通知显示“已更正”，并指向新版本。发送范围不变：{loaded.notice.targetsLabel}
        </View>
      ) : (
        <AudienceCard groups={loaded.groups} audience={page.audience} error={page.errors.audience} />
      )}
      <ContentCard content={page.content} errors={page.errors} today={page.today} />
      <ImagesCard images={page.images} />
      {loaded.mode === 'correct' ? <CorrectionCard correction={page.correction} /> : null}
      {page.submitError ? <View className='form-error post-error'>{page.submitError}</View> : null}
      <Btn type='primary' block loading={page.submitting} disabled={page.images.uploading} className='post-submit' onClick={page.submit}>
        {loaded.mode === 'correct' ? '发布更正' : '发布通知'}
      </Btn>
    </PageShell>
  );
}
