export default definePageConfig({ navigationBarTitleText: '互看互比' });
