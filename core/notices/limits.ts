/** Field limits of notices, read by the contract's schemas and by the post form. */
export const NOTICE_LIMITS = { title: 40, body: 2000, images: 9, reason: 100, search: 40 } as const;
