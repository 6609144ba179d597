import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { CompoundInfo, ImportResult, ImportRowError } from '@core/accounts/contract';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import { openSpreadsheet, pickXlsx, uploadImportFile, type PickedFile } from '@/services/files';
import { meOrLoad } from '@/store/me';
import { actorOf, compoundsWhere } from '@/utils/actor';
import { newRequestId } from '@/utils/requestId';
import { HEADER_HINT, TEMPLATE_COLUMNS, rowErrorsFrom, summary } from './rowErrors';
import './index.scss';

async function loadCompounds(): Promise<CompoundInfo[]> {
  const [me, compounds] = await Promise.all([meOrLoad(), api('accounts').call('compounds.list', {})]);
  return compoundsWhere(actorOf(me), 'roster.import', compounds);
}

type Stage = 'idle' | 'checking' | 'checked' | 'importing' | 'imported';

export default function ImportPage() {
  const compounds = useRemote(loadCompounds);
  const [picked, setPicked] = useState<string | null>(null);
  const [file, setFile] = useState<PickedFile | null>(null);
  const [stage, setStage] = useState<Stage>('idle');
  const [result, setResult] = useState<ImportResult | null>(null);
  const [rowErrors, setRowErrors] = useState<ImportRowError[]>([]);
  const [error, setError] = useState<string | null>(null);

  const [fileID, setFileID] = useState<string | null>(null);
  const [templateBusy, setTemplateBusy] = useState(false);
  const list = compounds.data ?? [];
  const compoundId = picked ?? (list.length === 1 ? list[0].id : null);
  // The real import is one request per file and compound: a retry never imports twice.
  const importId = useRequestId([compoundId, fileID]);

  function reset() {
    setResult(null);
    setRowErrors([]);
    setError(null);
    setStage('idle');
  }

  /** `uploaded`: the fileID of this picked file, when it is already uploaded (null for a newly picked file). */
  async function run(f: PickedFile, dryRun: boolean, uploaded: string | null) {
    if (!compoundId) return;
    setStage(dryRun ? 'checking' : 'importing');
    setError(null);
    try {
      // Uploaded once per picked file; the check and the import read the same copy.
      const id = uploaded ?? (await uploadImportFile(f));
      setFileID(id);
      const r = await api('accounts').call('roster.import', {
        clientRequestId: dryRun ? newRequestId() : importId.id,
        compoundId,
        fileID: id,
        dryRun,
      });
      setResult(r);
      setRowErrors(r.errors);
      setStage(dryRun ? 'checked' : 'imported');
      if (!dryRun) Taro.showToast({ title: '导入完成', icon: 'success' });
    } catch (e) {
      const err = toServiceError(e);
      setRowErrors(rowErrorsFrom(err.details));
      setError(err.message);
      setResult(null);
      setStage('idle');
    }
  }

  /** The template, made by the function for this compound (its buildings in the example rows), via a 10-minute link. */
  async function downloadTemplate() {
    if (!compoundId) return;
    setTemplateBusy(true);
    setError(null);
    try {
      const t = await api('accounts').call('roster.template', { compoundId });
      await openSpreadsheet(t.url);
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setTemplateBusy(false);
    }
  }

  async function choose() {
    let f: PickedFile | null;
    try {
      f = await pickXlsx();
    } catch (e) {
      setError(toServiceError(e).message);
      return;
    }
    if (!f) return;
    if (!/\.xlsx$/i.test(f.name)) {
      setError('请选择 .xlsx 格式的表格文件');
      return;
    }
    setFile(f);
    setFileID(null);
    reset();
    // A new file: never the previous file's upload (state from before this pick).
    void run(f, true, null);
  }

  // A clean dry run can be confirmed; the button stays (busy) while the import runs.
  const canConfirm = (stage === 'checked' && !!result && result.errors.length === 0 && result.rows > 0) || stage === 'importing';

  return (
    <PageShell className='import'>
      <StateView
        {...compounds.state}
        permission='roster.import'
        permissionAction='导入花名册'
        denied={!!compounds.data && list.length === 0}
      />
      {list.length > 0 ? (
        <View>
          {list.length > 1 ? (
            <View>
              <View className='section-title'>导入到哪个小区</View>
              <Choice
                className='import-compounds'
                columns={2}
                options={list.map((c) => ({ value: c.id, label: c.name }))}
                value={compoundId}
                onChange={(id) => {
                  setPicked(id);
                  setFile(null);
                  reset();
                }}
              />
            </View>
          ) : (
            <View className='section-title'>导入到：{list[0].name}</View>
          )}

          <View className='card import-template'>
            <View className='card__title'>表格格式</View>
            <View className='card__sub'>第一行为表头，从第二行起每行一户，列依次为：</View>
            <View className='import-template__cols'>
              {TEMPLATE_COLUMNS.map((c) => (
                <View key={c} className='tag tag--grey'>
                  {c}
                </View>
              ))}
            </View>
            <View className='muted import-template__aliases'>{HEADER_HINT}</View>
            <View className='muted'>同一楼栋、单元、房号再次导入会更新该户信息。</View>
            <Btn
              type='ghost'
              block
              disabled={!compoundId}
              loading={templateBusy}
              className='import-template-download'
              onClick={downloadTemplate}
            >
              下载模板表格
            </Btn>
          </View>

          <Btn type='primary' block disabled={!compoundId} loading={stage === 'checking'} className='import-choose' onClick={choose}>
            {file ? '重新选择文件' : '选择 Excel 文件'}
          </Btn>
          {process.env.TARO_ENV === 'weapp' ? (
            <View className='muted import__hint'>请先把表格发到微信聊天中，再从聊天记录里选择。</View>
          ) : null}
          {file ? <View className='muted import__file'>已选择：{file.name}</View> : null}

          {error ? <View className='form-error import-error'>{error}</View> : null}

          {result ? (
            <View className='card import-result'>
              <View className='card__title'>{result.dryRun ? '检查结果' : '导入结果'}</View>
              <View className='import-summary'>
                {summary(result)
                  .split('，')
                  .map((part, i, all) => (
                    <Text key={i} className='import-summary__part'>
                      {part}
                      {i < all.length - 1 ? '，' : ''}
                    </Text>
                  ))}
              </View>
              {result.dryRun && result.errors.length === 0 ? (
                <View className='muted'>没有发现问题。请核对下表中新房屋的去处，确认后写入。</View>
              ) : null}
            </View>
          ) : null}

          {result && result.dryRun && result.errors.length === 0 && (result.preview?.length ?? 0) > 0 ? (
            <View className='card import-preview'>
              <View className='card__title'>新增的 {result.created} 户将放在</View>
              <View className='import-table'>
                <View className='import-table__row import-table__row--head'>
                  <View className='import-table__cell import-table__cell--row'>行</View>
                  <View className='import-table__cell import-table__cell--col'>表中写的</View>
                  <View className='import-table__cell'>放入</View>
                </View>
                {result.preview!.map((p) => (
                  <View key={p.row} className='import-table__row import-preview-row'>
                    <View className='import-table__cell import-table__cell--row'>{p.row}</View>
                    <View className='import-table__cell import-table__cell--col'>{p.written}</View>
                    <View className='import-table__cell import-preview-row__label'>{p.label}</View>
                  </View>
                ))}
              </View>
              {result.created > result.preview!.length ? <View className='muted'>只列出前 {result.preview!.length} 户。</View> : null}
            </View>
          ) : null}

          {rowErrors.length > 0 ? (
            <View className='card import-errors'>
              <View className='card__title'>有 {Math.max(result?.errorCount ?? 0, rowErrors.length)} 处需要修改，未导入任何数据</View>
              <View className='import-table'>
                <View className='import-table__row import-table__row--head'>
                  <View className='import-table__cell import-table__cell--row'>行</View>
                  <View className='import-table__cell import-table__cell--col'>列</View>
                  <View className='import-table__cell'>问题</View>
                </View>
                {rowErrors.map((e, i) => (
                  <View key={i} className='import-table__row import-error-row'>
                    <View className='import-table__cell import-table__cell--row'>{e.row}</View>
                    <View className='import-table__cell import-table__cell--col'>{e.column ?? '-'}</View>
                    <View className='import-table__cell'>{e.message}</View>
                  </View>
                ))}
              </View>
            </View>
          ) : null}

          {canConfirm && file ? (
            <Btn type='primary' block loading={stage === 'importing'} className='import-confirm' onClick={() => run(file, false, fileID)}>
              确认导入
            </Btn>
          ) : null}
        </View>
      ) : null}
    </PageShell>
  );
}
