// Shared into WeChat groups: the hook in the page needs the page to enable sharing.
export default definePageConfig({ navigationBarTitleText: '通知详情', enableShareAppMessage: true });
