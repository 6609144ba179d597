export default definePageConfig({ navigationBarTitleText: '走访统计' });
