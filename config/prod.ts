import type { UserConfigExport } from '@tarojs/cli';

/**
 * Production: JS (terser) and CSS (csso) minified by Taro. WXML is minified by
 * WeChat's own compiler (project.config.json minifyWXML, which the official
 * quality check looks at). Taro's `mini.minifyXML.collapseWhitespace` is left
 * off on purpose: its HTML minifier drops the closing tag of <input> in
 * base.wxml, which the WeChat compiler rejects ("unexpected end tag: template").
 */
export default {
  terser: { enable: true },
  csso: { enable: true },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
