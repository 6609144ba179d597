export default definePageConfig({ navigationBarTitleText: '报修管理' });
