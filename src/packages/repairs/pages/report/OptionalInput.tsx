/** A text field marked 选填 (the caller's name and phone, the spot of a common area). */
import { Input, View } from '@tarojs/components';

export function OptionalInput(props: {
  label: string;
  className: string;
  value: string;
  maxlength: number;
  placeholder: string;
  type?: 'number';
  onChange: (value: string) => void;
}) {
  return (
    <View className='field'>
      <View className='field__label'>
        {props.label}
        <View className='field__optional'>选填</View>
      </View>
      <Input
        className={`field__input ${props.className}`}
        {...(props.type ? { type: props.type } : {})}
        value={props.value}
        maxlength={props.maxlength}
        placeholder={props.placeholder}
        onInput={(e) => props.onChange(e.detail.value)}
      />
    </View>
  );
}
