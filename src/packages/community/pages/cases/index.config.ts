export default definePageConfig({ navigationBarTitleText: '互学案例' });
