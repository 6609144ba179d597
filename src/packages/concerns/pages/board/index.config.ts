export default definePageConfig({ navigationBarTitleText: '民情公开栏' });
