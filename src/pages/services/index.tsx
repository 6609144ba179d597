/** 服务: the grid of what this person may use, from the features' registered entries. */
import { View } from '@tarojs/components';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import { useRemote } from '@/hooks/useRemote';
import { servicesFor } from '@/features';
import { loadMe } from '@/store/me';
import { go } from '@/utils/nav';
import './index.scss';

export default function ServicesPage() {
  const me = useRemote(loadMe, [], { refreshOnShow: true });
  return (
    <PageShell className='services'>
      <StateView {...me.state}>
        {me.data ? (
          <View className='services__grid'>
            {servicesFor(me.data).map((s) => (
              <View key={s.key} className={`services__item service-${s.key}`} hoverClass='services__item--hover' onClick={() => go(s.url)}>
                <View className='services__label'>{s.label}</View>
                <View className='services__hint'>{s.hint}</View>
                {s.badge ? <View className='services__badge'>{s.badge}</View> : null}
              </View>
            ))}
          </View>
        ) : null}
      </StateView>
    </PageShell>
  );
}
