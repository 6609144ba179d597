/** 发给谁: the compounds and buildings I may post to (a notice goes to whole compounds or to chosen buildings), and the choice in words. */
import { View } from '@tarojs/components';
import { audienceLabel, toggleAudience, type AudienceGroup } from '../../logic';
import type { PostNoticePage } from './usePostNoticePage';

export function AudienceCard({
  groups,
  audience,
  error,
}: {
  groups: AudienceGroup[];
  audience: PostNoticePage['audience'];
  error?: string;
}) {
  const { selected, setSelected } = audience;
  return (
    <View className='card post-audience-card'>
      <View className='card__title'>发给谁</View>
      {groups.map((g) => (
        <View key={g.compoundId} className='post-audience-group'>
          {groups.length > 1 || g.options.some((o) => o.kind === 'compound') ? (
            <View className='section-title post-audience-group__name'>{g.compoundName}</View>
          ) : null}
          {g.options.map((o) => {
            const on = selected.includes(o.key);
            return (
              <View
                key={o.key}
                className={`post-audience${on ? ' post-audience--on' : ''}`}
                hoverClass='post-audience--hover'
                onClick={() => setSelected((s) => toggleAudience(s, o.key))}
              >
                <View className='post-audience__check'>{on ? '✓' : ''}</View>
                <View className='post-audience__label'>{o.label}</View>
                {o.hint ? <View className='post-audience__hint'>{o.hint}</View> : null}
              </View>
            );
          })}
        </View>
      ))}
      {selected.length ? <View className='muted post-audience-summary'>将发给：{audienceLabel(groups, selected)}</View> : null}
      {error ? <View className='field__error'>{error}</View> : null}
    </View>
  );
}
