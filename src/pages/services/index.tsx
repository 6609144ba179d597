import { View } from '@tarojs/components';
import PageShell from '../../components/PageShell';
import Loading from '../../components/Loading';
import ErrorView from '../../components/ErrorView';
import { useRemote } from '../../hooks/useRemote';
import { loadMe } from '../../store/me';
import { go } from '../../utils/nav';
import { servicesFor } from './grid';
import { withNoticeEntry } from '../notices/logic';
import './index.scss';

export default function ServicesPage() {
  const me = useRemote(loadMe, { refreshOnShow: true });
  return (
    <PageShell className='services'>
      {!me.data && me.loading ? <Loading /> : null}
      {!me.data && me.error ? <ErrorView error={me.error} onRetry={me.reload} /> : null}
      {me.data ? (
        <View className='services__grid'>
          {withNoticeEntry(servicesFor(me.data), me.data).map((s) => (
            <View
              key={s.key}
              className={`services__item service-${s.key}`}
              hoverClass='services__item--hover'
              onClick={() => go(s.url)}
            >
              <View className='services__label'>{s.label}</View>
              <View className='services__hint'>{s.hint}</View>
              {'badge' in s && s.badge ? <View className='services__badge'>{s.badge}</View> : null}
            </View>
          ))}
        </View>
      ) : null}
    </PageShell>
  );
}
