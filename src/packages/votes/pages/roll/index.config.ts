export default definePageConfig({ navigationBarTitleText: '业主名册' });
