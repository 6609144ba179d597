export default definePageConfig({ navigationBarTitleText: '六有评分表' });
