export default definePageConfig({ navigationBarTitleText: '我有话说' });
