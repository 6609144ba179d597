/** The monthly report's tables: the month, the 12-month trends, the scorecards, the featured cases, the definitions. */
import { View } from '@tarojs/components';
import type { MonthlyReport } from '@core/community/contract';

export function MonthTable({ r }: { r: MonthlyReport }) {
  return (
    <View className='rp-scroll'>
      <View className='rp-table rp-month'>
        <View className='rp-tr rp-tr--head'>
          <View className='rp-td rp-td--name'>小区</View>
          <View className='rp-td'>户数</View>
          {r.figures.map((f) => (
            <View key={f.key} className='rp-td'>
              {f.short}
            </View>
          ))}
        </View>
        {r.rows.map((row) => (
          <View key={row.compoundId} className={`rp-tr rp-row-${row.compoundId}`}>
            <View className='rp-td rp-td--name'>
              {row.name}
              {row.model ? '（示范）' : ''}
            </View>
            <View className='rp-td'>{row.homes}</View>
            {r.figures.map((f) => (
              <View key={f.key} className={`rp-td rp-cell-${f.key}`}>
                {row.cells[f.key].text}
              </View>
            ))}
          </View>
        ))}
      </View>
    </View>
  );
}

export function TrendTables({ r }: { r: MonthlyReport }) {
  return (
    <View>
      {r.figures
        .filter((f) => !f.pending)
        .map((f) => (
          <View key={f.key} className={`rp-trend rp-trend-${f.key}`}>
            <View className='rp-h3'>{f.label}</View>
            <View className='rp-scroll'>
              <View className='rp-table'>
                <View className='rp-tr rp-tr--head'>
                  <View className='rp-td rp-td--name'>小区</View>
                  {r.periods.map((p) => (
                    <View key={p} className='rp-td'>
                      {p.slice(2)}
                    </View>
                  ))}
                </View>
                {r.rows.map((row) => (
                  <View key={row.compoundId} className='rp-tr'>
                    <View className='rp-td rp-td--name'>{row.name}</View>
                    {row.trend[f.key].map((c, i) => (
                      <View key={i} className='rp-td'>
                        {c.state === 'value' ? c.text : c.state === 'small' ? '少' : '—'}
                      </View>
                    ))}
                  </View>
                ))}
              </View>
            </View>
          </View>
        ))}
      <View className='rp-note'>趋势表中"少"为样本太少（不足5户），"—"为暂无数据。</View>
    </View>
  );
}

export function ScorecardTable({ r }: { r: MonthlyReport }) {
  return (
    <View className='rp-scroll'>
      <View className='rp-table rp-scorecards'>
        <View className='rp-tr rp-tr--head'>
          <View className='rp-td rp-td--name'>小区</View>
          <View className='rp-td'>自评</View>
          <View className='rp-td'>六有达标</View>
          <View className='rp-td'>得分</View>
          <View className='rp-td'>收到互评</View>
          <View className='rp-td'>给出互评</View>
        </View>
        {r.scorecards.map((s) => (
          <View key={s.compoundId} className={`rp-tr rp-score-${s.compoundId}`}>
            <View className='rp-td rp-td--name'>
              {s.name}
              {s.model ? '（示范）' : ''}
            </View>
            <View className='rp-td'>{s.assessed ? '已自评' : '未自评'}</View>
            <View className='rp-td'>{s.itemsMet}/6</View>
            <View className='rp-td'>{s.score === null ? '暂无' : s.score}</View>
            <View className='rp-td'>{s.received}</View>
            <View className='rp-td'>{s.given}</View>
          </View>
        ))}
      </View>
    </View>
  );
}

export function CaseList({ r }: { r: MonthlyReport }) {
  if (!r.cases.length) return <View className='rp-note'>暂无社区精选案例。</View>;
  return (
    <View>
      {r.cases.map((c) => (
        <View key={c.id} className='rp-case'>
          <View className='rp-h3'>
            {c.title}（{c.compoundName}，来自{c.sourceLabel}）
          </View>
          <View className='rp-p'>问题：{c.problem}</View>
          <View className='rp-p'>做法：{c.done}</View>
        </View>
      ))}
    </View>
  );
}

export function Definitions({ r }: { r: MonthlyReport }) {
  return (
    <View className='rp-defs'>
      {r.figures.map((f) => (
        <View key={f.key} className='rp-p'>
          {f.label}：{f.definition}注意：{f.caveat}
        </View>
      ))}
      <View className='rp-p'>
        样本太少：少于 5 户的数据不显示数字，以免指向具体住户。本报告只含小区整体的统计，不含任何住户的姓名、房号或金额。
      </View>
    </View>
  );
}
