export default definePageConfig({ navigationBarTitleText: '开通指引' });
