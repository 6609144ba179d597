/**
 * A confirmation that follows 大字模式 (Taro.showModal is the system's dialog: its
 * text cannot grow). `confirmAction(...)` resolves true when the person confirms;
 * PageShell hosts the dialog on every page.
 */
export interface ConfirmRequest {
  title: string;
  content?: string;
  confirmText?: string;
  cancelText?: string;
  /** A destructive action (撤回, 解除绑定 …): the confirm button is red. */
  danger?: boolean;
}

interface Pending extends ConfirmRequest {
  resolve(ok: boolean): void;
}

let pending: Pending | null = null;
const listeners = new Set<(p: Pending | null) => void>();

export function currentConfirm(): Pending | null {
  return pending;
}

export function subscribeConfirm(listener: (p: Pending | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function show(p: Pending | null) {
  pending = p;
  listeners.forEach((l) => l(p));
}

export function confirmAction(req: ConfirmRequest): Promise<boolean> {
  // A second request while one is open answers the first with "no".
  pending?.resolve(false);
  return new Promise((resolve) => show({ ...req, resolve }));
}

/** The person answered. */
export function answerConfirm(ok: boolean): void {
  const p = pending;
  show(null);
  p?.resolve(ok);
}
