/**
 * Taro build config, written by hand (no `taro init` templates offline).
 * One source tree builds two targets: `weapp` (production mini-program) and `h5`
 * (local demo + browser tests, served by our runtime with the API at /api/<fn>).
 */
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

const root = path.resolve(__dirname, '..');
const platform = process.env.TARO_ENV || 'weapp';

/**
 * The weapp build talks to one CloudBase environment, fixed at build time. There
 * is no default: a package built against the wrong (or a made-up) environment
 * would fail only on people's phones. The h5 demo calls /api and needs none.
 */
function cloudEnv(): string {
  const env = (process.env.CLOUD_ENV ?? '').trim();
  if (platform === 'weapp' && !env) {
    throw new Error('CLOUD_ENV is not set. The weapp build needs the CloudBase environment id: CLOUD_ENV=<env-id> npm run build:weapp');
  }
  return env;
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'jinlin',
    date: '2026-11-28',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // DIST_DIR lets parallel builds (several worktrees' tests at once) keep apart.
    outputRoot: `${process.env.DIST_DIR || 'dist'}/${platform}`,
    plugins: [],
    defineConstants: {
      CLOUD_ENV: JSON.stringify(cloudEnv()),
    },
    // core/ is shared TS outside src: alias it and let Taro's babel compile it.
    alias: {
      '@core': path.join(root, 'core'),
      '@': path.join(root, 'src'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [path.join(root, 'core')] },
      // Modules used only by a subpackage stay in it, keeping the main package small.
      optimizeMainPackage: { enable: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [path.join(root, 'core')] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      // Taro splits only initial chunks, so every lazily loaded page would carry its
      // own copy of the shared components. Let async page chunks share them.
      webpackChain(chain) {
        const split = (chain.optimization.get('splitChunks') || {}) as { cacheGroups?: Record<string, unknown> };
        chain.optimization.splitChunks({
          ...split,
          cacheGroups: {
            ...(split.cacheGroups || {}),
            pagesShared: { chunks: 'async', minChunks: 2, minSize: 6000, priority: 5, reuseExistingChunk: true },
          },
        });
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
