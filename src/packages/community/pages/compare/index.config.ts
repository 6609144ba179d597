export default definePageConfig({ navigationBarTitleText: '对比示范小区' });
