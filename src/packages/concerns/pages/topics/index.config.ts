export default definePageConfig({ navigationBarTitleText: '小区议事厅' });
