/** A field's label with how much is used of its limit (red when over). */
import { View } from '@tarojs/components';

export function CountLabel({ label, count, max }: { label: string; count: number; max: number }) {
  return (
    <View className='field__label post-label'>
      {label}
      <View className={`post-count${count > max ? ' post-count--over' : ''}`}>
        {count}/{max}
      </View>
    </View>
  );
}
