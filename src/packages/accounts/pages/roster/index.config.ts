export default definePageConfig({ navigationBarTitleText: '楼栋花名册' });
