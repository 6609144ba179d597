/** One to five stars: the rating given (static), or the rating being picked (each star a tap). */
import { View } from '@tarojs/components';

const STARS = [1, 2, 3, 4, 5];

export function Stars({ value, onPick }: { value: number; onPick?: (stars: number) => void }) {
  return (
    <View className={onPick ? 'repair-stars' : 'repair-stars repair-stars--static'}>
      {STARS.map((s) => (
        <View
          key={s}
          className={`repair-star${onPick ? ` repair-star-${s}` : ''}${s <= value ? ' repair-star--on' : ''}`}
          onClick={onPick ? () => onPick(s) : undefined}
        >
          ★
        </View>
      ))}
    </View>
  );
}
