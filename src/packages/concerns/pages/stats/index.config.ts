export default definePageConfig({ navigationBarTitleText: '民情统计' });
