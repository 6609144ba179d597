/**
 * Drop-in replacement for `wx-server-sdk` (4.0.2), bound to the current
 * emulator (`useEmulator(emu)` in emulator/index.ts).
 *
 * Works as `import cloud from 'wx-server-sdk'`, `import * as cloud from
 * 'wx-server-sdk'` and `require('wx-server-sdk')`: every API is a named export
 * AND a property of the default export, and `__esModule` is set by the compiler.
 */
import { createSdk } from './sdk-core';
import { current } from './index';

const sdk = createSdk(() => current());

export const version = sdk.version;
export const DYNAMIC_CURRENT_ENV = sdk.DYNAMIC_CURRENT_ENV;
export const init = sdk.init;
export const updateConfig = sdk.updateConfig;
export const getWXContext = sdk.getWXContext;
export const database = sdk.database;
export const openapi = sdk.openapi;
export const cloudPay = sdk.cloudPay;
export const uploadFile = sdk.uploadFile;
export const downloadFile = sdk.downloadFile;
export const getTempFileURL = sdk.getTempFileURL;
export const deleteFile = sdk.deleteFile;
export const callFunction = sdk.callFunction;

export default sdk;
