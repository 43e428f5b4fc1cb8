/**
 * IndexedDB in miniature for jsdom (which has none): one database per name, object stores with a
 * key path, put/get/getAll/delete, requests and transactions completing asynchronously as a
 * browser's do. Only what src/app/review/browserDrills.ts uses. The real thing is exercised by
 * the end-to-end test in Chromium.
 */
type Row = Record<string, unknown>;

class Request<T> {
  result: T | undefined;
  error: Error | null = null;
  onsuccess: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onupgradeneeded: (() => void) | null = null;
  onblocked: (() => void) | null = null;
}

class Store {
  constructor(
    readonly rows: Map<string, Row>,
    readonly keyPath: string,
    private readonly tx: Transaction,
  ) {}
  private request<T>(make: () => T): Request<T> {
    const req = new Request<T>();
    this.tx.pending++;
    queueMicrotask(() => {
      req.result = make();
      req.onsuccess?.();
      this.tx.done();
    });
    return req;
  }
  put(value: Row) {
    return this.request(() => {
      const key = String(value[this.keyPath]);
      this.rows.set(key, structuredClone(value));
      return key;
    });
  }
  get(key: string) {
    return this.request(() => structuredClone(this.rows.get(key)));
  }
  getAll() {
    return this.request(() => [...this.rows.values()].map((r) => structuredClone(r)));
  }
  delete(key: string) {
    return this.request(() => void this.rows.delete(key));
  }
}

class Transaction {
  pending = 0;
  error: Error | null = null;
  oncomplete: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  constructor(private readonly db: Db) {}
  objectStore(name: string) {
    const store = this.db.stores.get(name);
    if (!store) throw new Error(`no store ${name}`);
    return new Store(store.rows, store.keyPath, this);
  }
  done() {
    if (--this.pending === 0) setTimeout(() => this.oncomplete?.(), 0);
  }
}

class Db {
  stores = new Map<string, { rows: Map<string, Row>; keyPath: string }>();
  version = 0;
  onversionchange: (() => void) | null = null;
  get objectStoreNames() {
    return { contains: (name: string) => this.stores.has(name) };
  }
  createObjectStore(name: string, { keyPath }: { keyPath: string }) {
    this.stores.set(name, { rows: new Map(), keyPath });
  }
  transaction(_name: string) {
    return new Transaction(this);
  }
  close() {}
}

/** A fresh, empty IndexedDB, installed as the global `indexedDB`. */
export function installFakeIndexedDb(): void {
  const dbs = new Map<string, Db>();
  const factory = {
    open(name: string, version = 1) {
      const req = new Request<Db>();
      setTimeout(() => {
        let db = dbs.get(name);
        if (!db) dbs.set(name, (db = new Db()));
        req.result = db;
        if (db.version < version) {
          db.version = version;
          req.onupgradeneeded?.();
        }
        req.onsuccess?.();
      }, 0);
      return req;
    },
  };
  (globalThis as { indexedDB?: unknown }).indexedDB = factory;
}
