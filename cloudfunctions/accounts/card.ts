/** The 首页's `me` (a declared seam: cloudfunctions/home composes the 首页 in one call). */
export { getMe as meCard } from './me';
