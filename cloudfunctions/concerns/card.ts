/** The concerns 首页 card's data (a declared seam: cloudfunctions/home composes the 首页 in one call). */
export { home as concernsCard } from './read';
