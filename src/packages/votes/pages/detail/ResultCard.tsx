/** The live count while voting, then the result in 公示 or in force, with the per-home list and the share to the owners' group. */
import Taro from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import type { CountResult, MatterDetail } from '@core/votes/contract';
import Btn from '@/components/Btn';
import { formatDateTime } from '@/utils/format';
import { go } from '@/utils/nav';
import { VR } from '../../logic';
import Consultation from './Consultation';
import Figures from './Figures';

interface Props {
  d: MatterDetail;
  r: CountResult;
  id: string;
  published: boolean;
}

export default function ResultCard({ d, r, id, published }: Props) {
  return (
    <View className='card vote-result'>
      <View className='card__title'>
        {d.phase === 'open' || d.phase === 'ended' || d.phase === 'counting'
          ? '实时计票'
          : d.phase === 'final'
            ? '表决结果（已生效）'
            : '表决结果（公示中）'}
      </View>
      <Consultation d={d} />
      {d.paperBallots !== undefined ? <View className='muted'>其中纸质票 {d.paperBallots} 张</View> : null}
      <Figures r={r} d={d} />
      {d.objectionEndsAt && d.phase === 'preliminary' ? (
        <View className='muted'>公示期至 {formatDateTime(d.objectionEndsAt)}，如有异议请向业委会书面提出。</View>
      ) : null}
      {d.phase === 'preliminary' || d.phase === 'final' ? (
        <Btn block className='vote-results-link' onClick={() => go(`${VR.voteResults}?id=${encodeURIComponent(id)}`)}>
          查看每户表决情况
        </Btn>
      ) : null}
      {published ? (
        process.env.TARO_ENV === 'weapp' ? (
          <Button openType='share' className='btn btn--ghost btn--block vote-share'>
            把结果分享到业主群
          </Button>
        ) : (
          <Btn
            type='ghost'
            block
            className='vote-share'
            onClick={() => void Taro.showToast({ title: '请在微信中打开，点此分享到业主群', icon: 'none' })}
          >
            把结果分享到业主群
          </Btn>
        )
      ) : null}
    </View>
  );
}
