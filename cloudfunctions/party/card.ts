/** The party 首页 card's data (a declared seam: cloudfunctions/home composes the 首页 in one call). */
export { home as partyCard } from './structure';
