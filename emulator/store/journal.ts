/**
 * The sandbox journal: what the platform services besides the database were
 * asked, each kind in its own indexed SQLite table (durable across restarts,
 * like the documents).
 *
 *   _sb_messages(seq, at, touser, template_id, payload)        subscribeMessage.send, sent messages
 *   _sb_grants(seq, at, openid, template_id, remaining)        subscribe grants (one tap = one message)
 *   _sb_sec_checks(seq, at, trace_id, suggest, payload)        msgSecCheck calls
 *   _sb_media_jobs(seq, at, trace_id, state, payload)          mediaCheckAsync jobs (pending → delivered)
 *   _sb_pay_orders(seq, at, out_trade_no, state, payload)      unifiedOrder (NOTPAY → PAID → ACKED)
 *   _sb_pay_notifies(seq, at, out_trade_no, acknowledged, response)  every notify attempt
 *   _sb_files(seq, at, cloud_path, size, uploader)             storage metadata (who uploaded what)
 *   _sb_share_tickets(seq, at, cloud_id, open_gid, expires_at) CloudIDs handed to simulated group shares
 *   _sb_meta(key, value)                                       e.g. the temp-URL signing secret
 *
 * `list(kind?)` presents every row as an `OutboxEntry` ({seq, kind, at, state,
 * payload}); seq is one sequence across all tables, so `list()` is in time order.
 */
import type Database from 'better-sqlite3';
import { decodeDoc, encodeDoc } from '../wire';

export const KIND = {
  subscribe: 'subscribeMessage.send',
  grant: 'subscribeMessage.grant',
  msgSecCheck: 'security.msgSecCheck',
  mediaCheck: 'security.mediaCheckAsync',
  payOrder: 'cloudPay.unifiedOrder',
  payNotify: 'cloudPay.notify',
  file: 'storage.file',
  shareTicket: 'shareTicket',
} as const;

/** Kinds that `outbox.list()` (no kind) returns and `outbox.clear()` empties: what was SENT, not what is stored. */
const OUTBOX_KINDS = [KIND.subscribe, KIND.grant, KIND.msgSecCheck, KIND.mediaCheck, KIND.payOrder, KIND.payNotify];

export type OutboxEntry = { seq: number; kind: string; at: Date; state: string; payload: any };
export type FileMeta = { cloudPath: string; size: number; uploader: string; at: Date };
export type ShareTicket = { cloudId: string; openGId: string; expiresAt: Date; at: Date };

type TableDef = { table: string; ddl: string; toEntry: (r: any) => OutboxEntry };

export class Journal {
  private seq = 0;
  private st: Record<string, Database.Statement>;
  private tables: Record<string, TableDef>;

  constructor(private db: Database.Database) {
    const at = (r: any) => new Date(r.at);
    this.tables = {
      [KIND.subscribe]: {
        table: '_sb_messages',
        ddl: `CREATE TABLE IF NOT EXISTS _sb_messages(seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, touser TEXT NOT NULL, template_id TEXT NOT NULL, payload TEXT NOT NULL);
              CREATE INDEX IF NOT EXISTS _sb_messages_to ON _sb_messages(touser, template_id);`,
        toEntry: (r) => ({ seq: r.seq, kind: KIND.subscribe, at: at(r), state: 'sent', payload: decodeDoc(r.payload) }),
      },
      [KIND.grant]: {
        table: '_sb_grants',
        ddl: `CREATE TABLE IF NOT EXISTS _sb_grants(seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, openid TEXT NOT NULL, template_id TEXT NOT NULL, remaining INTEGER NOT NULL, UNIQUE(openid, template_id));`,
        toEntry: (r) => ({
          seq: r.seq,
          kind: KIND.grant,
          at: at(r),
          state: 'granted',
          payload: { openid: r.openid, templateId: r.template_id, remaining: r.remaining },
        }),
      },
      [KIND.msgSecCheck]: {
        table: '_sb_sec_checks',
        ddl: `CREATE TABLE IF NOT EXISTS _sb_sec_checks(seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, trace_id TEXT NOT NULL UNIQUE, suggest TEXT NOT NULL, payload TEXT NOT NULL);`,
        toEntry: (r) => ({ seq: r.seq, kind: KIND.msgSecCheck, at: at(r), state: r.suggest, payload: decodeDoc(r.payload) }),
      },
      [KIND.mediaCheck]: {
        table: '_sb_media_jobs',
        ddl: `CREATE TABLE IF NOT EXISTS _sb_media_jobs(seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, trace_id TEXT NOT NULL UNIQUE, state TEXT NOT NULL, payload TEXT NOT NULL);
              CREATE INDEX IF NOT EXISTS _sb_media_jobs_state ON _sb_media_jobs(state, seq);`,
        toEntry: (r) => ({ seq: r.seq, kind: KIND.mediaCheck, at: at(r), state: r.state, payload: decodeDoc(r.payload) }),
      },
      [KIND.payOrder]: {
        table: '_sb_pay_orders',
        ddl: `CREATE TABLE IF NOT EXISTS _sb_pay_orders(seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, out_trade_no TEXT NOT NULL UNIQUE, state TEXT NOT NULL, payload TEXT NOT NULL);
              CREATE INDEX IF NOT EXISTS _sb_pay_orders_state ON _sb_pay_orders(state, seq);`,
        toEntry: (r) => ({
          seq: r.seq,
          kind: KIND.payOrder,
          at: at(r),
          state: r.state,
          payload: { ...decodeDoc(r.payload), attempts: this.notifies(r.out_trade_no) },
        }),
      },
      [KIND.payNotify]: {
        table: '_sb_pay_notifies',
        ddl: `CREATE TABLE IF NOT EXISTS _sb_pay_notifies(seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, out_trade_no TEXT NOT NULL, acknowledged INTEGER NOT NULL, response TEXT NOT NULL);
              CREATE INDEX IF NOT EXISTS _sb_pay_notifies_order ON _sb_pay_notifies(out_trade_no, seq);`,
        toEntry: (r) => ({
          seq: r.seq,
          kind: KIND.payNotify,
          at: at(r),
          state: r.acknowledged ? 'ACKED' : 'FAILED',
          payload: { outTradeNo: r.out_trade_no, response: decodeDoc(r.response).v },
        }),
      },
      [KIND.file]: {
        table: '_sb_files',
        ddl: `CREATE TABLE IF NOT EXISTS _sb_files(seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, cloud_path TEXT NOT NULL UNIQUE, size INTEGER NOT NULL, uploader TEXT NOT NULL);
              CREATE INDEX IF NOT EXISTS _sb_files_uploader ON _sb_files(uploader);`,
        toEntry: (r) => ({
          seq: r.seq,
          kind: KIND.file,
          at: at(r),
          state: 'stored',
          payload: { cloudPath: r.cloud_path, size: r.size, uploader: r.uploader },
        }),
      },
      [KIND.shareTicket]: {
        table: '_sb_share_tickets',
        ddl: `CREATE TABLE IF NOT EXISTS _sb_share_tickets(seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, cloud_id TEXT NOT NULL UNIQUE, open_gid TEXT NOT NULL, expires_at INTEGER NOT NULL);`,
        toEntry: (r) => ({
          seq: r.seq,
          kind: KIND.shareTicket,
          at: at(r),
          state: 'issued',
          payload: { cloudId: r.cloud_id, openGId: r.open_gid, expiresAt: new Date(r.expires_at) },
        }),
      },
    };
    db.exec('CREATE TABLE IF NOT EXISTS _sb_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);');
    for (const t of Object.values(this.tables)) {
      db.exec(t.ddl);
      this.seq = Math.max(this.seq, (db.prepare(`SELECT max(seq) AS s FROM ${t.table}`).get() as any).s || 0);
    }
    // The journal used to be one `_outbox` table; rows in an old data dir are left alone.
    const p = (sql: string) => db.prepare(sql);
    this.st = {
      msgAdd: p('INSERT INTO _sb_messages(seq, at, touser, template_id, payload) VALUES (?, ?, ?, ?, ?)'),
      grantGet: p('SELECT * FROM _sb_grants WHERE openid = ? AND template_id = ?'),
      grantAdd: p('INSERT INTO _sb_grants(seq, at, openid, template_id, remaining) VALUES (?, ?, ?, ?, ?)'),
      grantSet: p('UPDATE _sb_grants SET remaining = ? WHERE openid = ? AND template_id = ?'),
      secAdd: p('INSERT INTO _sb_sec_checks(seq, at, trace_id, suggest, payload) VALUES (?, ?, ?, ?, ?)'),
      mediaAdd: p('INSERT INTO _sb_media_jobs(seq, at, trace_id, state, payload) VALUES (?, ?, ?, ?, ?)'),
      mediaPending: p("SELECT * FROM _sb_media_jobs WHERE state = 'pending' ORDER BY seq"),
      mediaSet: p('UPDATE _sb_media_jobs SET state = ?, payload = ? WHERE trace_id = ?'),
      orderGet: p('SELECT * FROM _sb_pay_orders WHERE out_trade_no = ?'),
      orderAdd: p('INSERT INTO _sb_pay_orders(seq, at, out_trade_no, state, payload) VALUES (?, ?, ?, ?, ?)'),
      orderSet: p('UPDATE _sb_pay_orders SET state = ?, payload = ? WHERE out_trade_no = ?'),
      ordersIn: p('SELECT * FROM _sb_pay_orders WHERE state = ? ORDER BY seq'),
      notifyAdd: p('INSERT INTO _sb_pay_notifies(seq, at, out_trade_no, acknowledged, response) VALUES (?, ?, ?, ?, ?)'),
      notifies: p('SELECT * FROM _sb_pay_notifies WHERE out_trade_no = ? ORDER BY seq'),
      fileGet: p('SELECT * FROM _sb_files WHERE cloud_path = ?'),
      filePut: p(
        'INSERT INTO _sb_files(seq, at, cloud_path, size, uploader) VALUES (?, ?, ?, ?, ?) ON CONFLICT(cloud_path) DO UPDATE SET seq = excluded.seq, at = excluded.at, size = excluded.size, uploader = excluded.uploader',
      ),
      fileDel: p('DELETE FROM _sb_files WHERE cloud_path = ?'),
      ticketAdd: p('INSERT INTO _sb_share_tickets(seq, at, cloud_id, open_gid, expires_at) VALUES (?, ?, ?, ?, ?)'),
      ticketGet: p('SELECT * FROM _sb_share_tickets WHERE cloud_id = ?'),
      metaGet: p('SELECT value FROM _sb_meta WHERE key = ?'),
      metaPut: p('INSERT OR REPLACE INTO _sb_meta(key, value) VALUES (?, ?)'),
    };
  }

  private next() {
    return ++this.seq;
  }

  // ---------------------------------------------------------------- reading it back

  list(kind?: string): OutboxEntry[] {
    const kinds = kind ? [kind] : OUTBOX_KINDS;
    const out: OutboxEntry[] = [];
    for (const k of kinds) {
      const t = this.tables[k];
      if (!t) continue;
      for (const r of this.db.prepare(`SELECT * FROM ${t.table} ORDER BY seq`).all()) out.push(t.toEntry(r));
    }
    return kind ? out : out.sort((a, b) => a.seq - b.seq);
  }

  /** Forget what was sent (messages, grants, checks, media jobs, orders and notifications). Files and share tickets stay. */
  clear() {
    this.db.transaction(() => {
      for (const k of OUTBOX_KINDS) this.db.prepare(`DELETE FROM ${this.tables[k].table}`).run();
    })();
  }

  // ---------------------------------------------------------------- subscribe messages

  addMessage(payload: { touser: string; templateId: string } & Record<string, any>) {
    this.st.msgAdd.run(this.next(), Date.now(), payload.touser, payload.templateId, encodeDoc(payload));
  }

  grant(openid: string, templateId: string, count: number) {
    const g = this.st.grantGet.get(openid, templateId) as any;
    if (g) this.st.grantSet.run(g.remaining + count, openid, templateId);
    else this.st.grantAdd.run(this.next(), Date.now(), openid, templateId, count);
  }

  /** Use one grant; false when there is none left. */
  takeGrant(openid: string, templateId: string): boolean {
    const g = this.st.grantGet.get(openid, templateId) as any;
    if (!g || g.remaining < 1) return false;
    this.st.grantSet.run(g.remaining - 1, openid, templateId);
    return true;
  }

  // ---------------------------------------------------------------- content security

  addSecCheck(traceId: string, suggest: string, payload: any) {
    this.st.secAdd.run(this.next(), Date.now(), traceId, suggest, encodeDoc(payload));
  }

  addMediaJob(traceId: string, payload: any) {
    this.st.mediaAdd.run(this.next(), Date.now(), traceId, 'pending', encodeDoc(payload));
  }

  pendingMediaJobs(): OutboxEntry[] {
    return (this.st.mediaPending.all() as any[]).map(this.tables[KIND.mediaCheck].toEntry);
  }

  finishMediaJob(traceId: string, payload: any) {
    this.st.mediaSet.run('delivered', encodeDoc(payload), traceId);
  }

  // ---------------------------------------------------------------- WeChat Pay

  order(outTradeNo: string): OutboxEntry | undefined {
    const r = this.st.orderGet.get(outTradeNo);
    return r ? this.tables[KIND.payOrder].toEntry(r) : undefined;
  }

  addOrder(outTradeNo: string, state: string, payload: any) {
    this.st.orderAdd.run(this.next(), Date.now(), outTradeNo, state, encodeDoc(payload));
  }

  setOrder(outTradeNo: string, state: string, payload: any) {
    const { attempts: _attempts, ...rest } = payload;
    this.st.orderSet.run(state, encodeDoc(rest), outTradeNo);
  }

  ordersIn(state: string): OutboxEntry[] {
    return (this.st.ordersIn.all(state) as any[]).map(this.tables[KIND.payOrder].toEntry);
  }

  addNotify(outTradeNo: string, acknowledged: boolean, response: any) {
    this.st.notifyAdd.run(this.next(), Date.now(), outTradeNo, acknowledged ? 1 : 0, encodeDoc({ v: response ?? null }));
  }

  notifies(outTradeNo: string): { at: Date; response: any; acknowledged: boolean }[] {
    return (this.st.notifies.all(outTradeNo) as any[]).map((r) => ({
      at: new Date(r.at),
      response: decodeDoc(r.response).v,
      acknowledged: !!r.acknowledged,
    }));
  }

  // ---------------------------------------------------------------- storage metadata

  putFile(cloudPath: string, size: number, uploader: string) {
    this.st.filePut.run(this.next(), Date.now(), cloudPath, size, uploader);
  }

  file(cloudPath: string): FileMeta | null {
    const r = this.st.fileGet.get(cloudPath) as any;
    return r ? { cloudPath: r.cloud_path, size: r.size, uploader: r.uploader, at: new Date(r.at) } : null;
  }

  deleteFile(cloudPath: string) {
    this.st.fileDel.run(cloudPath);
  }

  // ---------------------------------------------------------------- share tickets (CloudID)

  addTicket(cloudId: string, openGId: string, expiresAt: number) {
    this.st.ticketAdd.run(this.next(), Date.now(), cloudId, openGId, expiresAt);
  }

  ticket(cloudId: string): ShareTicket | null {
    const r = this.st.ticketGet.get(cloudId) as any;
    return r ? { cloudId: r.cloud_id, openGId: r.open_gid, expiresAt: new Date(r.expires_at), at: new Date(r.at) } : null;
  }

  // ---------------------------------------------------------------- settings

  meta(key: string): string | null {
    return (this.st.metaGet.get(key) as any)?.value ?? null;
  }

  setMeta(key: string, value: string) {
    this.st.metaPut.run(key, value);
  }
}
