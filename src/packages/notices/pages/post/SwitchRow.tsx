/** A row that turns an option on or off: the whole row is the tap target, the switch shows the state. */
import { Switch, View } from '@tarojs/components';

export function SwitchRow(props: {
  className?: string;
  switchClassName: string;
  title: string;
  hint: string;
  checked: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <View className={props.className ? `post-row ${props.className}` : 'post-row'} onClick={() => props.onChange(!props.checked)}>
      <View className='post-row__main'>
        <View className='post-row__title'>{props.title}</View>
        <View className='muted'>{props.hint}</View>
      </View>
      <View onClick={(e) => e.stopPropagation()}>
        <Switch
          className={props.switchClassName}
          checked={props.checked}
          color='#c83a2a'
          onChange={(e) => props.onChange(e.detail.value)}
        />
      </View>
    </View>
  );
}
