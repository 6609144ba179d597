export default definePageConfig({ navigationBarTitleText: '党员包联' });
