export default definePageConfig({ navigationBarTitleText: '委员缴费公示' });
