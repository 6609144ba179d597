export default definePageConfig({ navigationBarTitleText: '车位与充电' });
