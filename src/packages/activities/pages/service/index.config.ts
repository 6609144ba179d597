export default definePageConfig({ navigationBarTitleText: '邻里服务' });
