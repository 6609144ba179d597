export default definePageConfig({ navigationBarTitleText: '示范创建' });
