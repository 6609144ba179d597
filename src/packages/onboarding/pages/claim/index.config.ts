export default definePageConfig({ navigationBarTitleText: '认领管理身份' });
