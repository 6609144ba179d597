/**
 * Errors in the shape the SDK expects from the server: `{code, message}`. The
 * transport answers `{code, message, requestId}`; wx-server-sdk maps `code` to a
 * numeric errCode (TCB_ERR_CODE) or, for codes it does not know, to -501001.
 */
export class DbError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(message);
  }
}

const TAIL = 'Please check your request, but if the problem persists, contact us.';

export const ERR = {
  collectionNotExists: (c: string) =>
    new DbError('DATABASE_COLLECTION_NOT_EXIST', `[ResourceNotFound] Db or Table not exist: ${c}. (emulator)`),
  duplicateKey: (c: string, idx: string, key: string) =>
    new DbError('DATABASE_REQUEST_FAILED', `[FailedOperation] E11000 duplicate key error collection: ${c} index: ${idx} dup key: ${key}`),
  invalid: (msg: string) => new DbError('INVALID_PARAM', msg),
  /**
   * A transactional write hit a document locked by another open transaction, or
   * one changed after this transaction's snapshot. Code and message as the live
   * server answers (TencentCloudBase/node-sdk test/database/unit/transaction.test.ts).
   */
  txConflict: () =>
    new DbError(
      'DATABASE_TRANSACTION_CONFLICT',
      `[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. ${TAIL}`,
    ),
  /** The transaction was committed, rolled back, aborted by a conflict or expired. */
  txNotExist: () =>
    new DbError(
      'DATABASE_TRANSACTION_FAIL',
      `[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. ${TAIL}`,
    ),
  /** A second request on the same transaction while one is still in flight. */
  txBusy: () => new DbError('DATABASE_TRANSACTION_FAIL', `[ResourceUnavailable.TransactionBusy] Transaction is busy. ${TAIL}`),
};
