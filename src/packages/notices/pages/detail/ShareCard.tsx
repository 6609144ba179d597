/** 分享到群: the WeChat share button (in the H5 demo, a hint to open it in WeChat); opens from the group count as reads. */
import Taro from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import Btn from '@/components/Btn';

const isWeapp = process.env.TARO_ENV === 'weapp';

export function ShareCard() {
  return (
    <View className='card notice-detail__share'>
      {isWeapp ? (
        <Button openType='share' className='btn btn--ghost btn--block notice-share-btn'>
          分享到群
        </Button>
      ) : (
        <Btn
          type='ghost'
          block
          className='notice-share-btn'
          onClick={() => Taro.showToast({ title: '请在微信中打开，点此分享到楼栋群', icon: 'none' })}
        >
          分享到群
        </Btn>
      )}
      <View className='note notice-detail__share-note'>分享到楼栋群后，群里打开的人数会计入阅读情况。</View>
    </View>
  );
}
