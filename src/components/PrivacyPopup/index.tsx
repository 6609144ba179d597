/** weapp only: our privacy notice in front of WeChat's consent. */
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import { PRIVACY_AGREE_BUTTON_ID, answerPrivacy, privacyPending, subscribePrivacy } from '@/store/privacy';
import { ROUTES } from '@/routes';
import './index.scss';

export default function PrivacyPopup() {
  const [open, setOpen] = useState(privacyPending());
  useEffect(() => subscribePrivacy(setOpen), []);
  if (!open) return null;
  return (
    <View className='privacy-mask'>
      <View className='privacy-popup'>
        <View className='privacy-popup__title'>隐私保护提示</View>
        <View className='privacy-popup__text'>
          “近邻”用于小区自治：为核实您与房屋的关系，我们会收集您的姓名或昵称、房屋信息，手机号由您自愿填写。
          楼栋长、业委会只在职责需要时看到您的信息，其他住户看到的姓名和手机号都经过遮挡。
        </View>
        <View className='privacy-popup__link' onClick={() => Taro.navigateTo({ url: ROUTES.privacy })}>
          查看《近邻隐私说明》
        </View>
        <View className='privacy-popup__actions'>
          <Button className='privacy-popup__btn privacy-popup__btn--no' onClick={() => answerPrivacy(false)}>
            拒绝
          </Button>
          <Button
            id={PRIVACY_AGREE_BUTTON_ID}
            className='privacy-popup__btn privacy-popup__btn--yes'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={() => answerPrivacy(true)}
          >
            同意并继续
          </Button>
        </View>
      </View>
    </View>
  );
}
