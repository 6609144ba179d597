export default definePageConfig({ navigationBarTitleText: '记账结账' });
