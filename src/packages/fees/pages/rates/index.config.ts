export default definePageConfig({ navigationBarTitleText: '收费标准' });
