export default definePageConfig({ navigationBarTitleText: '车辆与挪车' });
