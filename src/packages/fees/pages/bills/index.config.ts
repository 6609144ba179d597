export default definePageConfig({ navigationBarTitleText: '物业缴费' });
