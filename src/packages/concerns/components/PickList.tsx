/**
 * A sheet's list to pick one from (an expense to link, a concern to merge into): a
 * spinner while it loads, a line when there is nothing, else the choices; a pick acts.
 */
import { View } from '@tarojs/components';
import Loading from '@/components/Loading';
import Choice from '@/components/Choice';

interface Props {
  /** null while loading. */
  options: { value: string; label: string; hint?: string }[] | null;
  empty: string;
  className: string;
  onPick: (value: string) => void;
}

export default function PickList({ options, empty, className, onPick }: Props) {
  if (options === null) return <Loading />;
  if (options.length === 0) return <View className='muted'>{empty}</View>;
  return <Choice className={className} columns={1} options={options} onChange={onPick} />;
}
