/** The fees 首页 cards' data (a declared seam: cloudfunctions/home composes the 首页 in one call). */
export { summary as feesCard } from './bills';
