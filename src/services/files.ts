/** Files that come from the backend (exports) or go to it (imports). */
import Taro from '@tarojs/taro';
import { ServiceError } from './cloud';

/** Open an exported spreadsheet: a new tab on h5, the document viewer on weapp. */
export async function openSpreadsheet(url: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    window.open(url, '_blank');
    return;
  }
  let tempFilePath: string;
  try {
    const res = await Taro.downloadFile({ url });
    if (res.statusCode !== 200) throw new Error(String(res.statusCode));
    tempFilePath = res.tempFilePath;
  } catch {
    throw new ServiceError('NETWORK');
  }
  await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true });
}

export interface PickedFile {
  name: string;
  base64: string;
  size: number;
  /** weapp: the local temp path, for uploading. */
  path?: string;
}

/**
 * Let the user pick one .xlsx file and read it as base64. Resolves null when the
 * user cancels. weapp: from a chat (chooseMessageFile); h5: a hidden file input.
 */
export function pickXlsx(): Promise<PickedFile | null> {
  if (process.env.TARO_ENV === 'h5') {
    return new Promise((resolve, reject) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      input.style.display = 'none';
      input.className = 'file-picker-input';
      document.body.appendChild(input);
      input.addEventListener('change', () => {
        const file = input.files && input.files[0];
        input.remove();
        if (!file) return resolve(null);
        const reader = new FileReader();
        reader.onload = () => {
          const url = String(reader.result || '');
          resolve({ name: file.name, size: file.size, base64: url.slice(url.indexOf(',') + 1) });
        };
        reader.onerror = () => reject(new ServiceError('BAD_REQUEST', '文件读取失败，请重新选择'));
        reader.readAsDataURL(file);
      });
      input.addEventListener('cancel', () => {
        input.remove();
        resolve(null);
      });
      input.click();
    });
  }
  return new Promise((resolve, reject) => {
    Taro.chooseMessageFile({
      count: 1,
      type: 'file',
      extension: ['xlsx'],
      success: (res) => {
        const file = res.tempFiles[0];
        if (!file) return resolve(null);
        Taro.getFileSystemManager().readFile({
          filePath: file.path,
          encoding: 'base64',
          success: (r) => resolve({ name: file.name, size: file.size, base64: String(r.data), path: file.path }),
          fail: () => reject(new ServiceError('BAD_REQUEST', '文件读取失败，请重新选择')),
        });
      },
      fail: () => resolve(null),
    });
  });
}

/**
 * Put a picked spreadsheet where roster.import reads it: the caller's own upload
 * folder in cloud storage (`<folder>/imports/…`, folder = "u/<openid>"). Only
 * inside WeChat (the local runtime has no upload endpoint). The folder is not in
 * any view yet (see the report: Me.uploadFolder); without it this refuses.
 */
export async function uploadImportFile(file: PickedFile & { path?: string }, folder: string | undefined): Promise<string> {
  if (process.env.TARO_ENV !== 'weapp' || !file.path) {
    throw new ServiceError('FILE_INVALID', '本地演示版不能上传文件，请在微信中导入花名册');
  }
  if (!folder) throw new ServiceError('FILE_INVALID', '暂时无法上传文件，请稍后再试');
  try {
    const up = await Taro.cloud.uploadFile({ cloudPath: `${folder}/imports/${Date.now()}.xlsx`, filePath: file.path });
    return up.fileID;
  } catch {
    throw new ServiceError('NETWORK', '文件上传失败，请重试');
  }
}
