/** 车位与充电 (being built). */
import { View } from '@tarojs/components';
import PageShell from '@/components/PageShell';
import '../../common.scss';

export default function Page() {
  return (
    <PageShell>
      <View className='card muted'>车位与充电</View>
    </PageShell>
  );
}
