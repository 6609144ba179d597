/** Files that come from the backend (exports) or go to it (imports). */
import Taro from '@tarojs/taro';
import { uploadFile } from './upload';
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
  /** h5: the picked file itself, for uploading. */
  blob?: Blob;
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
          resolve({ name: file.name, size: file.size, base64: url.slice(url.indexOf(',') + 1), blob: file });
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
 * folder (`u/<openid>/imports/…`, see services/upload.ts). Works in WeChat and in
 * the local demo (the runtime's upload endpoint).
 */
export async function uploadImportFile(file: PickedFile & { path?: string; blob?: Blob }): Promise<string> {
  const source = file.path ?? file.blob;
  if (!source) throw new ServiceError('FILE_INVALID', '请重新选择文件');
  return uploadFile('imports', source, 'xlsx');
}
