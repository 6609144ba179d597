/** A link to what a concern or a task became (a repair, a topic, a vote, an expense): its label and ›. */
import { View } from '@tarojs/components';
import type { AppLink } from '@core/platform/links';
import { linkUrl } from '@/features/links';
import { go } from '@/utils/nav';

export default function LinkLine({ link, className }: { link: AppLink; className: string }) {
  return (
    <View className={`concern-link ${className}`} onClick={() => go(linkUrl(link))}>
      {link.label} ›
    </View>
  );
}
