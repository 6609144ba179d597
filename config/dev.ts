import type { UserConfigExport } from '@tarojs/cli';

export default {
  logger: { quiet: false, stats: true },
  mini: {},
  // `npm run dev:h5`: the watch build writes each rebuild to dist/h5, which the local
  // runtime serves (one origin for the pages and /api, as in `npm start`).
  h5: { devServer: { devMiddleware: { writeToDisk: true }, hot: false, liveReload: false, open: false } },
} satisfies UserConfigExport<'webpack5'>;
