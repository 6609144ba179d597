export default definePageConfig({ navigationBarTitleText: '表决事项', enableShareAppMessage: true });
