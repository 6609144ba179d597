export default definePageConfig({ navigationBarTitleText: '公共报修' });
