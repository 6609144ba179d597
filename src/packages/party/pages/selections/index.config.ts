export default definePageConfig({ navigationBarTitleText: '好邻居评选' });
