/** A row of big tappable options (compound, building, relation …): easier than a picker wheel for older eyes. */
import { View } from '@tarojs/components';
import './index.scss';

export interface ChoiceOption<V extends string> {
  value: V;
  label: string;
  hint?: string;
}

export default function Choice<V extends string>(props: {
  options: ChoiceOption<V>[];
  value?: V | null;
  onChange: (value: V) => void;
  className?: string;
  columns?: 1 | 2 | 3;
}) {
  return (
    <View className={`choice choice--cols-${props.columns ?? 2}${props.className ? ' ' + props.className : ''}`}>
      {props.options.map((o) => (
        <View
          key={o.value}
          className={`choice__item${o.value === props.value ? ' choice__item--on' : ''}`}
          hoverClass='choice__item--hover'
          onClick={() => props.onChange(o.value)}
        >
          <View className='choice__label'>{o.label}</View>
          {o.hint ? <View className='choice__hint'>{o.hint}</View> : null}
        </View>
      ))}
    </View>
  );
}
