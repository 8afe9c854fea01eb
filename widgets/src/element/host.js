// The JavaScript half of the custom-element runtime (see element.rs).
//
// Leptos has no custom-element support, and a class extending HTMLElement can
// only be written in JavaScript. This class owns nothing but the shadow root: it
// forwards the lifecycle to a Rust handle, keeps properties set before the bundle
// loaded, and shows a readable message if the WebAssembly instance dies.

const connected = new Set();
let crashed = false;
// The crash message in each language, from the Rust message catalog.
let crashTexts = { en: '', zh: '' };

export function crm_set_crash_texts(english, chinese) {
  crashTexts = { en: english, zh: chinese };
}

// Mounting is paced: one element mounts per task. Elements connected in the same
// task (a page with the whole suite, or a host appending three tags at once) wait
// their turn in connection order, each in a task of its own, and the task that
// starts the instance (compiling, instantiating, defining the tags) mounts none.
// So the host page never sees one long task for the whole suite, and it can
// paint and respond in between. An element connected alone later mounts at once.
const waiting = new Map(); // element → its mount, in connection order
let taskSpent = false;
const nextTask = new MessageChannel();
nextTask.port1.onmessage = () => {
  taskSpent = false;
  const next = waiting.entries().next();
  if (next.done) return;
  const [element, mount] = next.value;
  waiting.delete(element);
  spendTask();
  mount();
};

// Marks this task as having done its heavy work; the next waiting mount runs in
// a task of its own.
function spendTask() {
  if (taskSpent) return;
  taskSpent = true;
  nextTask.port2.postMessage(null);
}

function paced(element, mount) {
  if (taskSpent || waiting.size > 0) {
    waiting.set(element, mount);
  } else {
    spendTask();
    mount();
  }
}

function camelCase(name) {
  return name.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase());
}

function showCrash(element) {
  const root = element.shadowRoot;
  if (!root || !crashed) return;
  const language = (element.closest('[lang]')?.getAttribute('lang') || navigator.language || 'en').toLowerCase();
  const text = language.startsWith('zh') ? crashTexts.zh : crashTexts.en;
  const box = document.createElement('div');
  box.setAttribute('role', 'alert');
  box.setAttribute('part', 'crash');
  box.className = 'crash';
  box.textContent = text;
  root.replaceChildren(box);
}

// Called by the Rust panic hook: the instance is about to abort, so every element
// shows the message instead of a frozen or half-drawn view. The host page goes on.
export function crm_report_crash(message) {
  if (crashed) return;
  crashed = true;
  console.error('[crm-widgets] internal error; the widgets stopped:', message);
  for (const element of connected) showCrash(element);
}

// Runs a call into Rust; a trap (the instance aborted) is contained here so that
// it never propagates into the host page's own code.
function guarded(element, call) {
  if (crashed) {
    showCrash(element);
    return undefined;
  }
  try {
    return call();
  } catch (error) {
    crashed = true;
    console.error('[crm-widgets]', error);
    for (const other of connected) showCrash(other);
    showCrash(element);
    return undefined;
  }
}

// Defines `tag` once; returns false (and does nothing) when it is already defined,
// e.g. because a host loaded the bundle twice.
export function crm_define_element(tag, attributes, properties, css, create) {
  if (customElements.get(tag)) return false;
  spendTask();
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);

  class CrmElement extends HTMLElement {
    static get observedAttributes() {
      return attributes;
    }

    #handle;
    #mount;

    constructor() {
      super();
      const root = this.attachShadow({ mode: 'open' });
      root.adoptedStyleSheets = [sheet];
      this.#mount = document.createElement('div');
      this.#mount.className = 'mount';
      root.append(this.#mount);
      // The Rust handle keeps no reference to this element or its nodes while
      // disconnected, so a removed element is garbage-collected with its handle.
      this.#handle = guarded(this, () => create(this));
    }

    connectedCallback() {
      connected.add(this);
      // A property the host set before the element was defined sits on the
      // instance and hides our accessor: move it through the accessor.
      for (const name of properties) {
        const key = camelCase(name);
        if (Object.prototype.hasOwnProperty.call(this, key)) {
          const value = this[key];
          delete this[key];
          this[key] = value;
        }
      }
      paced(this, () => guarded(this, () => this.#handle?.connected(this, this.#mount)));
    }

    disconnectedCallback() {
      connected.delete(this);
      // Removed before its turn came: it never mounted, so there is nothing to undo.
      if (waiting.delete(this)) return;
      guarded(this, () => this.#handle?.disconnected());
    }

    attributeChangedCallback(name, oldValue, newValue) {
      if (oldValue === newValue) return;
      guarded(this, () => this.#handle?.attribute_changed(name, newValue));
    }

    _crmGetProperty(name) {
      return guarded(this, () => this.#handle?.property(name));
    }

    _crmSetProperty(name, value) {
      guarded(this, () => this.#handle?.set_property(name, value));
    }
  }

  // Every observed attribute is reflected by a camelCase property, as in Lit and
  // Shoelace: `inbox.apiBase = '/x'` sets `api-base="/x"`.
  for (const name of attributes) {
    Object.defineProperty(CrmElement.prototype, camelCase(name), {
      configurable: true,
      enumerable: true,
      get() {
        return this.getAttribute(name);
      },
      set(value) {
        if (value === null || value === undefined || value === false) this.removeAttribute(name);
        else this.setAttribute(name, value === true ? '' : String(value));
      },
    });
  }
  // Complex data lives in properties only.
  for (const name of properties) {
    Object.defineProperty(CrmElement.prototype, camelCase(name), {
      configurable: true,
      enumerable: true,
      get() {
        return this._crmGetProperty(name);
      },
      set(value) {
        this._crmSetProperty(name, value);
      },
    });
  }

  customElements.define(tag, CrmElement);
  return true;
}

// Dispatches a `crm-…` CustomEvent that crosses the shadow boundary and bubbles
// to the document, so a host can listen on the element or any ancestor.
export function crm_emit(element, name, detail) {
  element.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
}

// The nearest `lang` in force for the element: its own attribute, an ancestor's,
// or the page's. Shadow roots are crossed towards the document.
export function crm_inherited_language(element) {
  let node = element;
  while (node) {
    if (node.nodeType === Node.ELEMENT_NODE && node.hasAttribute('lang')) return node.getAttribute('lang');
    node = node.parentNode || node.host || null;
  }
  return navigator.language || '';
}

// Calls `notify` whenever the page's `<html lang>` changes.
export function crm_watch_document_language(notify) {
  const observer = new MutationObserver(() => notify());
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
}

// Follows attribute `name` of the element with id `id` in the same document or
// shadow root as `element` (`for="inbox"`): calls `notify` with its value (null
// when absent, undefined when there is no such element) now and on every change.
// Returns the function that stops following.
export function crm_follow_peer(element, id, name, notify) {
  const root = element.getRootNode();
  const peer = typeof root.getElementById === 'function' ? root.getElementById(id) : null;
  if (!peer) {
    notify(undefined);
    return () => {};
  }
  notify(peer.getAttribute(name));
  const observer = new MutationObserver(() => notify(peer.getAttribute(name)));
  observer.observe(peer, { attributes: true, attributeFilter: [name] });
  return () => observer.disconnect();
}

// Calls `notify` with the detail of every `name` event the element with id `id`
// (in the same document or shadow root as `element`) dispatches; `notify(undefined)`
// at once when there is no such element. Returns the function that stops listening.
export function crm_listen_peer(element, id, name, notify) {
  const root = element.getRootNode();
  const peer = typeof root.getElementById === 'function' ? root.getElementById(id) : null;
  if (!peer) {
    notify(undefined);
    return () => {};
  }
  const listener = (event) => notify(event.detail ?? null);
  peer.addEventListener(name, listener);
  return () => peer.removeEventListener(name, listener);
}

// The text of the file chosen in `input` (a file input), or null.
export async function crm_read_file(input) {
  const file = input.files && input.files[0];
  return file ? await file.text() : null;
}

// Hands `text` to the browser as a download named `filename`.
export function crm_download(filename, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

// Prints `sheet` (a node of a widget's shadow root) alone: a copy of its DOM
// (text stays text; nothing is parsed as markup) goes into a hidden frame with
// the print stylesheet, constructed so that a strict style-src allows it. The
// frame stays until the next print, so the page can be inspected.
export function crm_print(sheet, css, title) {
  document.querySelector('iframe[data-crm-print]')?.remove();
  const frame = document.createElement('iframe');
  frame.setAttribute('data-crm-print', '');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  Object.assign(frame.style, { position: 'fixed', right: '0', bottom: '0', width: '0', height: '0', border: '0' });
  document.body.append(frame);
  const view = frame.contentWindow;
  const copy = view.document;
  copy.title = title;
  copy.documentElement.lang = sheet.getAttribute('lang') || '';
  const style = new view.CSSStyleSheet();
  style.replaceSync(css);
  copy.adoptedStyleSheets = [style];
  copy.body.append(copy.importNode(sheet, true));
  view.focus();
  view.print();
}

// Configuration is page-wide, also when a page evaluates the bundle twice (two
// URLs, two module instances): whichever instance `configure()` is called on, the
// elements of every instance receive it.
const SHARED = Symbol.for('crm-widgets.shared-configuration');

function sharedConfiguration() {
  globalThis[SHARED] ??= { options: undefined, listeners: new Set() };
  return globalThis[SHARED];
}

export function crm_share_configuration(options) {
  const shared = sharedConfiguration();
  shared.options = options;
  for (const listener of shared.listeners) listener(options);
}

export function crm_listen_configuration(listener) {
  const shared = sharedConfiguration();
  shared.listeners.add(listener);
  if (shared.options !== undefined) listener(shared.options);
}

// Live number of connected elements, for the leak check of the test suite.
export function crm_connected_count() {
  return connected.size;
}
