export default definePageConfig({ navigationBarTitleText: '退款处理' });
