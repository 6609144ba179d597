export default definePageConfig({ navigationBarTitleText: '服务队管理' });
