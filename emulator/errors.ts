/**
 * Errors shaped like wx-server-sdk's (utils/error.ts `toSDKError`): an Error
 * whose message and `errMsg` read `<api>:fail <errCode> <meaning>. <detail>`
 * and which carries a numeric `errCode`. Functions that branch on `errCode`
 * behave the same here and in production.
 */
export type SDKError = Error & { errCode: number | string; errMsg: string };

const MEANING: Record<string, string> = {
  '-1': '',
  '-501007': 'invalid parameters',
  '-502001': 'database request fail',
  '-503003': 'storage file not exists',
  '-504002': 'functions execute fail',
  '40003': 'invalid openid',
  '43101': 'user refuse to accept the msg',
  '47001': 'data format error',
};

export function sdkError(api: string, errCode: number | string, detail: string): SDKError {
  const meaning = MEANING[String(errCode)] || '';
  const err = new Error(`${api}:fail ${errCode} ${meaning}. ${detail}`) as SDKError;
  err.errCode = errCode;
  err.errMsg = err.message;
  return err;
}
