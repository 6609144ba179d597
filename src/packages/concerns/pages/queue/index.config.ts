export default definePageConfig({ navigationBarTitleText: '民情处理' });
