export default definePageConfig({ navigationBarTitleText: '财务公示' });
