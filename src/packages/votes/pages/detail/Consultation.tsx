/** The banner of a matter that is a consultation, not a decision (shown above the matter and its result). */
import { View } from '@tarojs/components';
import type { MatterDetail } from '@core/votes/contract';

export default function Consultation({ d }: { d: Pick<MatterDetail, 'consultation'> }) {
  if (!d.consultation) return null;
  return (
    <View className='banner banner--warn vote-consult'>
      <View className='vote-consult__label'>{d.consultation.label}</View>
      {d.consultation.reason}
    </View>
  );
}
