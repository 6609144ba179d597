export default definePageConfig({ navigationBarTitleText: '我的挪车提醒' });
