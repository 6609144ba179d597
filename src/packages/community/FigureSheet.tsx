/** A figure's definition and caveat, one tap from its heading. */
import { View } from '@tarojs/components';
import type { FigureDef } from '@core/community/contract';
import Sheet from '@/components/Sheet';
import Btn from '@/components/Btn';

export default function FigureSheet({ figure, onClose }: { figure: FigureDef | null; onClose: () => void }) {
  return (
    <Sheet open={!!figure} title={figure?.label ?? ''} onClose={onClose} className='cm-sheet'>
      {figure ? (
        <View>
          <View className='cm-def'>口径：{figure.definition}</View>
          <View className='cm-caveat'>注意：{figure.caveat}</View>
          <View className='muted'>少于 5 户的数据显示"样本太少"，不显示数字，以免指向具体住户。</View>
          <Btn block className='cm-sheet-close' onClick={onClose}>
            知道了
          </Btn>
        </View>
      ) : null}
    </Sheet>
  );
}
