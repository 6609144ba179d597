/** The short form of a step (start, finish, confirm, reopen, cancel): stars, costs, a note and photos as the step needs. */
import { Textarea, View } from '@tarojs/components';
import { REPAIR_LIMITS } from '@core/repairs/rules';
import Btn from '@/components/Btn';
import Sheet from '@/components/Sheet';
import { PhotoPicker } from '../../components/PhotoPicker';
import type { RepairDetailPage } from './useRepairDetailPage';
import { CostFields } from './CostFields';
import { Stars } from './Stars';
import { FORM } from './steps';

export function StepSheet({ page }: { page: RepairDetailPage }) {
  const { form, setForm, note, setNote, rating, setRating, upload, submit } = page.step;
  return (
    <Sheet open={!!form} title={form ? FORM[form].title : ''} onClose={() => setForm(null)} className='repair-sheet'>
      {form === 'confirm' ? <Stars value={rating} onPick={setRating} /> : null}
      {form === 'finish' ? (
        <View className='repair-cost-fields'>
          <CostFields cost={page.cost} optional />
        </View>
      ) : null}
      {form ? (
        <View className='field'>
          <View className='field__label'>{FORM[form].noteLabel}</View>
          <Textarea
            className='field__textarea repair-form-note'
            value={note}
            maxlength={REPAIR_LIMITS.note}
            onInput={(e) => setNote(e.detail.value)}
          />
        </View>
      ) : null}
      {form && FORM[form].photos ? (
        <PhotoPicker upload={upload} canAdd addClassName='repair-form-photo' addLabel={form === 'finish' ? '＋完工照' : '＋照片'} />
      ) : null}
      {page.formError ? <View className='form-error repair-form-error'>{page.formError}</View> : null}
      <Btn
        type={form === 'cancel' ? 'danger' : 'primary'}
        block
        loading={page.busy}
        disabled={upload.uploading}
        className='repair-form-submit'
        onClick={() => void submit()}
      >
        {form === 'cancel' ? '确认取消' : '提交'}
      </Btn>
    </Sheet>
  );
}
