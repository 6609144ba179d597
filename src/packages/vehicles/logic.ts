/** Client helpers of the vehicles pages: links, the subscribe prompt, WeChat's plate keyboard. */
import Taro from '@tarojs/taro';
import { normalizePlate } from '@core/vehicles/rules';
import { routePaths } from '@/features/route-table';
import { VEHICLE_ROUTES } from '@/features/vehicles/routes';
import { api } from '@/services/cloud';
import { askForMessage } from '@/services/subscribe';
import { go } from '@/utils/nav';

export const URL = routePaths(VEHICLE_ROUTES);
export const openMove = (id: string) => go(`${URL.moveDetail}?id=${encodeURIComponent(id)}`);

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
  try {
    await askForMessage('vehicle', (input) => api('vehicles').call('vehicles.subscribe', input));
  } catch {
    /* a message is a convenience: the request goes ahead without it */
  }
}
