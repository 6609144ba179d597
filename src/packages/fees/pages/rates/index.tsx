/** 收费标准 (being built). */
import { View } from '@tarojs/components';
import PageShell from '@/components/PageShell';
import '../../common.scss';

export default function Page() {
  return (
    <PageShell>
      <View className='card muted'>收费标准</View>
    </PageShell>
  );
}
