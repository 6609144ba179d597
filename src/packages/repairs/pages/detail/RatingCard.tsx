/** The reporter's rating and comment, once confirmed. */
import { View } from '@tarojs/components';
import { Stars } from './Stars';

export function RatingCard({ rating, comment }: { rating: number; comment?: string }) {
  return (
    <View className='card repair-rating'>
      <View className='card__title'>评价</View>
      <Stars value={rating} />
      {comment ? <View className='repair-rating__comment'>{comment}</View> : null}
    </View>
  );
}
