/** 委员缴费公示 (being built). */
import { View } from '@tarojs/components';
import PageShell from '@/components/PageShell';
import '../../common.scss';

export default function Page() {
  return (
    <PageShell>
      <View className='card muted'>委员缴费公示</View>
    </PageShell>
  );
}
