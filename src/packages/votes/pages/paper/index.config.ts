export default definePageConfig({ navigationBarTitleText: '录入纸质表决票' });
