/** An entry's receipt photos (short-lived links the function hands only to the book's readers); a tap enlarges. */
import Taro from '@tarojs/taro';
import { Image, View } from '@tarojs/components';

export default function Receipts(props: { urls: string[] }) {
  if (!props.urls.length) return null;
  return (
    <View className='party-receipts party-entry-receipts'>
      {props.urls.map((url, i) => (
        <Image
          key={url}
          src={url}
          mode='aspectFill'
          className='party-receipt-img'
          ariaLabel={`票据照片 ${i + 1}`}
          onClick={() => void Taro.previewImage({ urls: props.urls, current: url })}
        />
      ))}
    </View>
  );
}
