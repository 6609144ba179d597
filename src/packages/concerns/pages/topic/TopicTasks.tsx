/** 实施任务: each task with its owner, due day and link; the managers add tasks and link an expense. */
import { View } from '@tarojs/components';
import type { TopicDetail } from '@core/concerns/contract';
import Btn from '@/components/Btn';
import LinkLine from '../../components/LinkLine';

interface Props {
  t: TopicDetail;
  onAddTask: () => void;
  onLinkExpense: (taskId: string) => void;
}

export default function TopicTasks({ t, onAddTask, onLinkExpense }: Props) {
  if (!t.tasks.length && !(t.canManage && (t.stage === 'implement' || t.stage === 'feedback'))) return null;
  return (
    <View className='card topic-tasks'>
      <View className='card__title'>实施任务</View>
      {t.tasks.map((k) => (
        <View key={k.id} className='row topic-task'>
          <View className='row__main'>
            <View className='row__title'>{k.title}</View>
            <View className='row__sub'>
              负责：{k.owner} · 完成期限 {k.dueOn}
            </View>
            {k.link ? <LinkLine link={k.link} className='topic-task-link' /> : null}
          </View>
          {t.canManage && !k.link ? (
            <Btn size='small' className='topic-link-expense' onClick={() => onLinkExpense(k.id)}>
              关联支出
            </Btn>
          ) : null}
        </View>
      ))}
      {t.canManage && t.stage === 'implement' ? (
        <Btn block className='topic-add-task' onClick={onAddTask}>
          添加任务
        </Btn>
      ) : null}
    </View>
  );
}
