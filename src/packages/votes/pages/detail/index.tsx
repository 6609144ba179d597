/**
 * One matter: the announcement (documents, dates, the threshold in words, the roll's
 * totals), my home's ballot (cast or change until the close), and for the committee
 * the live count with what is still missing, door-to-door and reminders, closing,
 * publishing and the export. Reminders link here, so the path is fixed.
 */
import { useState } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import type { CountResult, MatterDetail, MyVoteHome } from '@core/votes/contract';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import { formatDateTime } from '@/utils/format';
import { go } from '@/utils/nav';
import { confirmAction } from '@/store/confirm';
import { VR, choiceText, m2, pct, phaseClass } from '../../logic';
import './index.scss';

function Consultation({ d }: { d: Pick<MatterDetail, 'consultation'> }) {
  if (!d.consultation) return null;
  return (
    <View className='banner banner--warn vote-consult'>
      <View className='vote-consult__label'>{d.consultation.label}</View>
      {d.consultation.reason}
    </View>
  );
}

function Figures({ r, d }: { r: CountResult; d: MatterDetail }) {
  return (
    <View className='vote-count'>
      <View className='vote-figures'>
        <View className='vote-figure'>
          <View className='vote-figure__label'>参与户数（业主人数）</View>
          <View className='vote-figure__value vote-count__owners'>
            {r.turnout.owners} / {r.roll.owners}
          </View>
          <View className='vote-bar'>
            <View className='vote-bar__fill' style={{ width: `${pct(r.turnout.owners, r.roll.owners)}%` }} />
          </View>
        </View>
        <View className='vote-figure'>
          <View className='vote-figure__label'>参与面积</View>
          <View className='vote-figure__value'>{m2(r.turnout.areaCenti)}</View>
          <View className='vote-bar'>
            <View className='vote-bar__fill' style={{ width: `${pct(r.turnout.areaCenti, r.roll.areaCenti)}%` }} />
          </View>
        </View>
      </View>
      {r.missing ? <View className='vote-missing'>{r.missing}</View> : <View className='vote-met'>参与已达三分之二（户数和面积）</View>}
      {r.choices.map((c) => (
        <View key={c.id} className='vote-choice-row'>
          <View className='vote-choice-row__name'>
            {d.choiceLabels[c.id] ?? c.id}
            {r.elected.includes(c.id) ? '（当选）' : ''}
          </View>
          <View className='muted'>
            {c.owners} 户 · {m2(c.areaCenti)}
            {c.id !== 'abstain' && c.id !== 'reject'
              ? `（占参与：户数${pct(c.owners, c.ofOwners)}%，面积${pct(c.areaCenti, c.ofAreaCenti)}%）`
              : ''}
          </View>
        </View>
      ))}
      <View className={`vote-result__summary ${r.passed ? 'vote-result__summary--pass' : 'vote-result__summary--fail'}`}>{r.summary}</View>
    </View>
  );
}

function MyHome({ d, h, onCast }: { d: MatterDetail; h: MyVoteHome; onCast: (h: MyVoteHome, choices: string[]) => Promise<void> }) {
  const [picked, setPicked] = useState<string[]>(h.choices ?? []);
  const [busy, setBusy] = useState(false);
  const options = Object.entries(d.choiceLabels).map(([value, label]) => ({ value, label }));
  const election = d.format === 'election';
  return (
    <View className='vote-home'>
      <View className='vote-home__label'>{h.label}</View>
      <View className='muted'>
        面积 {m2(h.areaCenti)}
        {h.sameOwnerHomes ? `，与同一业主的另外 ${h.sameOwnerHomes} 套合计为一票` : ''}
      </View>
      {h.voted ? (
        <View className='vote-home__status vote-home__done'>
          我家已投票{h.choices ? `：${choiceText(d, h.choices)}` : ''}
          {h.origin ? `。${h.origin}` : h.via === 'paper' ? '（纸质票）' : ''}
        </View>
      ) : (
        <View className='vote-home__status'>我家尚未投票</View>
      )}
      {h.canCast ? (
        <View className='vote-ballot'>
          {election ? <View className='muted'>最多选 {d.seats} 位；不选任何人请选“弃权”</View> : null}
          <Choice
            className='vote-options'
            columns={election ? 2 : 3}
            options={options}
            value={election ? undefined : picked[0]}
            onChange={(v) => {
              if (!election || v === 'abstain') return setPicked([v]);
              const rest = picked.filter((x) => x !== 'abstain');
              setPicked(rest.includes(v) ? rest.filter((x) => x !== v) : [...rest, v].slice(0, d.seats));
            }}
          />
          {election ? <View className='muted'>已选：{choiceText(d, picked) || '无'}</View> : null}
          <Btn
            type='primary'
            block
            className='vote-cast'
            disabled={picked.length === 0}
            loading={busy}
            onClick={async () => {
              setBusy(true);
              await onCast(h, picked).finally(() => setBusy(false));
            }}
          >
            {h.voted ? '修改我的选择' : '提交我的选择'}
          </Btn>
          <View className='muted'>截止前可以修改；同一房屋的共有人共用一票。</View>
        </View>
      ) : h.cannotReason ? (
        <View className='muted vote-home__why'>{h.cannotReason}</View>
      ) : null}
    </View>
  );
}

export default function VoteDetailPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const matter = useRemote(() => api('votes').call('matters.get', { matterId: id }), [id], { refreshOnShow: true });
  const remindId = useRequestId([id]);
  const [busy, setBusy] = useState('');
  const d = matter.data;
  // The share card carries the result once it is published: owners read it in the group and open the vote.
  const published = !!d?.result && (d.phase === 'preliminary' || d.phase === 'final');
  useShareAppMessage(() => ({
    title: d ? (published && d.result ? `【表决结果】${d.title}：${d.result.summary}` : `【业主表决】${d.title}`).slice(0, 60) : '业主表决',
    path: `${VR.voteDetail}?id=${encodeURIComponent(id)}`,
  }));

  async function run(what: string, fn: () => Promise<unknown>, done: string) {
    setBusy(what);
    try {
      await fn();
      void Taro.showToast({ title: done, icon: 'success' });
      await matter.reload();
    } catch (e) {
      void Taro.showModal({ title: '未完成', content: toServiceError(e).message, showCancel: false });
    } finally {
      setBusy('');
    }
  }
  async function cast(h: MyVoteHome, choices: string[]) {
    await run('cast', () => api('votes').call('ballots.cast', { matterId: id, homeId: h.homeId, choices }), h.voted ? '已修改' : '已投票');
  }

  return (
    <PageShell className='vote-detail'>
      <StateView {...matter.state}>
        {d ? (
          <View>
            <Consultation d={d} />
            <View className='card'>
              <View className='card__title vote-detail__title'>{d.title}</View>
              <View className='card__sub'>
                <View className={phaseClass(d)}>{d.phaseLabel}</View>
                民法典第二百七十八条第{d.kind}项：{d.kindLabel}
              </View>
              <View className='vote-detail__body'>{d.description}</View>
              <View className='muted'>公告：{d.announcedAt ? formatDateTime(d.announcedAt) : '尚未公告'}</View>
              <View className='muted'>
                投票：{formatDateTime(d.opensAt)} 至 {formatDateTime(d.closesAt)}
              </View>
              <View className='muted'>参与要求：{d.turnoutLabel}</View>
              <View className='muted'>通过要求：{d.thresholdLabel}</View>
              {d.secret ? <View className='muted'>不记名表决：公布结果时只列是否投票，不列选择。</View> : null}
              {d.documents.map((f, i) => (
                <View
                  key={f.fileID}
                  className='vote-doc'
                  onClick={() => (process.env.TARO_ENV === 'h5' ? window.open(f.url) : Taro.previewImage({ urls: [f.url] }))}
                >
                  附件{i + 1}
                </View>
              ))}
              {d.roll ? (
                <View className='row row--link vote-roll-link' onClick={() => go(`${VR.voteRoll}?id=${encodeURIComponent(id)}`)}>
                  <View className='row__main'>
                    <View className='row__title'>
                      业主名册：{d.roll.owners} 户（人），{m2(d.roll.areaCenti)}
                    </View>
                    <View className='row__sub'>{d.rollFrozen ? '投票开始时已冻结' : '公告期内如有错误，请向业委会提出异议'}</View>
                  </View>
                  <View className='row__side'>查看</View>
                </View>
              ) : null}
            </View>

            {d.myHomes.length ? (
              <View className='card vote-mine'>
                <View className='card__title'>我家的表决票</View>
                {d.myHomes.map((h) => (
                  <MyHome key={h.homeId} d={d} h={h} onCast={cast} />
                ))}
              </View>
            ) : null}

            {d.result ? (
              <View className='card vote-result'>
                <View className='card__title'>
                  {d.phase === 'open' || d.phase === 'ended' || d.phase === 'counting'
                    ? '实时计票'
                    : d.phase === 'final'
                      ? '表决结果（已生效）'
                      : '表决结果（公示中）'}
                </View>
                <Consultation d={d} />
                {d.paperBallots !== undefined ? <View className='muted'>其中纸质票 {d.paperBallots} 张</View> : null}
                <Figures r={d.result} d={d} />
                {d.objectionEndsAt && d.phase === 'preliminary' ? (
                  <View className='muted'>公示期至 {formatDateTime(d.objectionEndsAt)}，如有异议请向业委会书面提出。</View>
                ) : null}
                {d.phase === 'preliminary' || d.phase === 'final' ? (
                  <Btn block className='vote-results-link' onClick={() => go(`${VR.voteResults}?id=${encodeURIComponent(id)}`)}>
                    查看每户表决情况
                  </Btn>
                ) : null}
                {published ? (
                  process.env.TARO_ENV === 'weapp' ? (
                    <Button openType='share' className='btn btn--ghost btn--block vote-share'>
                      把结果分享到业主群
                    </Button>
                  ) : (
                    <Btn
                      type='ghost'
                      block
                      className='vote-share'
                      onClick={() => void Taro.showToast({ title: '请在微信中打开，点此分享到业主群', icon: 'none' })}
                    >
                      把结果分享到业主群
                    </Btn>
                  )
                ) : null}
              </View>
            ) : null}

            {d.canManage ? (
              <View className='card vote-manage'>
                <View className='card__title'>业委会操作</View>
                {d.rolling ? (
                  <View className='muted vote-rolling'>
                    {d.rolling.status === 'failed'
                      ? `生成名册未完成：${d.rolling.error ?? '请重试'}`
                      : `名册生成中：已完成 ${d.rolling.done} 批（每批 1000 户），完成后${d.phase === 'draft' ? '自动公告' : '自动更新'}。`}
                  </View>
                ) : null}
                {d.phase === 'draft' ? (
                  <Btn
                    type='primary'
                    block
                    className='vote-announce'
                    loading={busy === 'announce'}
                    onClick={() => run('announce', () => api('votes').call('matters.announce', { matterId: id }), '已公告')}
                  >
                    公告并生成业主名册
                  </Btn>
                ) : null}
                {d.phase === 'announced' ? (
                  <Btn
                    block
                    className='vote-rebuild'
                    loading={busy === 'rebuild'}
                    onClick={() => run('rebuild', () => api('votes').call('roll.rebuild', { matterId: id }), '名册已更新')}
                  >
                    按最新房屋登记重新生成名册
                  </Btn>
                ) : null}
                {d.phase === 'open' ? (
                  <View>
                    <View className='muted vote-close-hint'>投票截止（{formatDateTime(d.closesAt)}）后，才能计票并公示结果。</View>
                    <Btn block className='vote-paper-btn' onClick={() => go(`${VR.votePaper}?id=${encodeURIComponent(id)}`)}>
                      录入纸质表决票
                    </Btn>
                    <Btn block className='vote-unvoted-btn' onClick={() => go(`${VR.voteRoll}?id=${encodeURIComponent(id)}&unvoted=1`)}>
                      未投票名单（上门）
                    </Btn>
                    <Btn
                      block
                      className='vote-remind-btn'
                      loading={busy === 'remind'}
                      onClick={() =>
                        run(
                          'remind',
                          async () => {
                            await api('votes').call('matters.remind', { clientRequestId: remindId.id, matterId: id });
                            remindId.renew();
                          },
                          '已发送提醒',
                        )
                      }
                    >
                      提醒未投票的业主
                    </Btn>
                  </View>
                ) : null}
                {d.phase === 'ended' ? (
                  <Btn
                    type='primary'
                    block
                    className='vote-close'
                    loading={busy === 'close'}
                    onClick={async () => {
                      // Irreversible: the count is published to every owner.
                      const ok = await confirmAction({
                        title: '计票并公示结果',
                        content: '计票后结果将向全体业主公示，不能撤回。纸质票都已录入了吗？',
                        confirmText: '计票并公示',
                        cancelText: '再想想',
                      });
                      if (ok) await run('close', () => api('votes').call('matters.close', { matterId: id }), '已公示结果');
                    }}
                  >
                    计票并公示结果
                  </Btn>
                ) : null}
                {d.phase === 'counting' ? (
                  <View className='vote-counting'>
                    <View className='muted'>
                      计票中{d.counting && d.counting.total ? `：已完成 ${d.counting.done} / ${d.counting.total} 批（每批 1000 户）` : ''}
                      ，完成后自动公示结果。
                    </View>
                    <Btn
                      block
                      className='vote-counting-refresh'
                      loading={busy === 'close'}
                      onClick={() => run('close', () => api('votes').call('matters.close', { matterId: id }), '已刷新计票进度')}
                    >
                      刷新计票进度
                    </Btn>
                  </View>
                ) : null}
                {d.phase === 'preliminary' ? (
                  <Btn
                    block
                    className='vote-finalize'
                    loading={busy === 'finalize'}
                    onClick={() => run('finalize', () => api('votes').call('matters.finalize', { matterId: id }), '结果已生效')}
                  >
                    公示期满，确认结果生效
                  </Btn>
                ) : null}
                {d.phase === 'preliminary' || d.phase === 'final' ? (
                  <Btn
                    block
                    className='vote-export'
                    loading={busy === 'export'}
                    onClick={() =>
                      run(
                        'export',
                        async () => {
                          const x = await api('votes').call('matters.export', { matterId: id });
                          if (process.env.TARO_ENV === 'h5') window.open(x.url);
                          else
                            await Taro.downloadFile({ url: x.url }).then((f) =>
                              Taro.openDocument({ filePath: f.tempFilePath, fileType: 'xlsx' }),
                            );
                        },
                        '已导出',
                      )
                    }
                  >
                    导出结果（Excel，含纸质票）
                  </Btn>
                ) : null}
              </View>
            ) : null}
          </View>
        ) : null}
      </StateView>
    </PageShell>
  );
}
