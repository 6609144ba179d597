export default definePageConfig({ navigationBarTitleText: '近邻' });
