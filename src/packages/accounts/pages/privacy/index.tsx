/** 隐私说明: what we collect, why, and who sees what (PIPL). Plain text, no backend call. */
import { View } from '@tarojs/components';
import PageShell from '@/components/PageShell';
import './index.scss';

const SECTIONS: { title: string; lines: string[] }[] = [
  {
    title: '我们收集什么',
    lines: [
      '姓名或昵称：用于楼栋长、业委会核实您与房屋的关系，以及在通知、活动中称呼您。',
      '房屋信息（小区、楼栋、单元、房号，您与房屋的关系）：用于把您加入对应的业主群、楼栋群，计算物业费和表决权。',
      '手机号（自愿填写）：便于楼栋长、物业在报修、紧急情况时联系您。不填写不影响使用。',
      '车牌号（自愿登记）：用于邻居发送挪车提醒时找到您，不必把电话留在车上。可通过微信“选择车牌”（wx.chooseLicensePlate）或手动填写。挪车提醒（原因、照片）保存30天后删除，只保留次数统计。',
    ],
  },
  {
    title: '谁能看到',
    lines: [
      '您自己：看到自己的全部信息。',
      '本楼党员楼栋长、小区党支部书记：看到本楼住户名单，姓名和手机号经过遮挡（如“张*”“138****5678”）。',
      '业委会委员、物业经理：为管理房屋登记和缴费，可看到完整姓名和手机号。',
      '其他住户：看不到您的手机号；公示的表决结果只显示房号和面积，不显示姓名。',
      '车牌：本户、业委会和物业可看到完整车牌和房号，其他人只看到遮挡后的车牌（如“闽E·12**5”）。发送挪车提醒的人看不到车主的姓名、房号和电话；车主也看不到是谁提醒的。车主收不到提醒时，本楼楼栋长或物业可以看到房号并联系车主。',
    ],
  },
  {
    title: '我们不做什么',
    lines: ['不获取您的微信手机号、位置、通讯录。', '不把您的信息提供给小区以外的任何机构或个人，法律法规另有规定的除外。'],
  },
  {
    title: '您的权利',
    lines: ['您可以随时在“我的房屋”中解除绑定，也可以在“我的”中修改姓名和手机号。', '如需查询、更正或删除个人信息，请联系本小区业委会。'],
  },
];

export default function PrivacyPage() {
  return (
    <PageShell className='privacy'>
      <View className='privacy__intro'>“近邻”帮助本小区居民、党员楼栋长、业委会和物业一起做好小区的事。我们只收集做这些事必需的信息。</View>
      {SECTIONS.map((s) => (
        <View key={s.title} className='card'>
          <View className='card__title'>{s.title}</View>
          {s.lines.map((l) => (
            <View key={l} className='privacy__line'>
              {l}
            </View>
          ))}
        </View>
      ))}
    </PageShell>
  );
}
