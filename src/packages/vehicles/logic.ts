/** Client helpers of the vehicles pages: links, the subscribe prompt, WeChat's plate keyboard. */
import Taro from '@tarojs/taro';
import type { VEHICLE_TEMPLATE_ID as ContractTemplateId } from '@core/vehicles/contract';
import { normalizePlate } from '@core/vehicles/rules';
import { routePaths } from '@/features/route-table';
import { VEHICLE_ROUTES } from '@/features/vehicles/routes';
import { api } from '@/services/cloud';
import { go } from '@/utils/nav';

export const URL = routePaths(VEHICLE_ROUTES);
export const openMove = (id: string) => go(`${URL.moveDetail}?id=${encodeURIComponent(id)}`);

/** The contract's template id as a value (importing the contract at runtime would pull zod in); the type keeps them equal. */
export const VEHICLE_TEMPLATE_ID: typeof ContractTemplateId = 'REPLACE_WITH_VEHICLE_TEMPLATE_ID';

/** WeChat's own plate keyboard exists only in the mini-program (base library ≥ 2.19.0); elsewhere people type. */
export const canChoosePlate = process.env.TARO_ENV === 'weapp';

/**
 * wx.chooseLicensePlate: the plate the person picked or typed on WeChat's plate
 * keyboard, normalised; null when they cancelled. A privacy API: declared in the
 * privacy guide, so the first call shows WeChat's privacy prompt.
 */
export async function choosePlate(): Promise<string | null> {
  try {
    const res = (await Taro.chooseLicensePlate()) as { plateNumber?: string };
    return res.plateNumber ? normalizePlate(res.plateNumber) : null;
  } catch {
    return null;
  }
}

/**
 * Ask for one 挪车 message (inside a tap on weapp): an owner to be told when a
 * neighbour needs their car moved, a requester to hear 车主已处理. The h5 demo
 * records an accepted tap. Never throws.
 */
export async function subscribeVehicles(): Promise<void> {
  let accepted = true;
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const res = (await Taro.requestSubscribeMessage({ tmplIds: [VEHICLE_TEMPLATE_ID] } as Parameters<typeof Taro.requestSubscribeMessage>[0])) as unknown as Record<string, string>;
      accepted = ['accept', 'acceptWithAudio', 'acceptWithAlert'].includes(res[VEHICLE_TEMPLATE_ID]);
    }
    await api('vehicles').call('vehicles.subscribe', { templateId: VEHICLE_TEMPLATE_ID, accepted });
  } catch {
    /* a message is a convenience: the request goes ahead without it */
  }
}
