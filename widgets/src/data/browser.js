// Browser services of the data layer that have no web-sys binding worth its
// weight: Web Locks leadership, the change stream read with a bearer token
// (EventSource cannot send one), SHA-256, and a wake-up promise.

// Runs `onAcquired` once this tab holds the lock `name` (at once without Web
// Locks). Returns a function that gives the lock up.
export function crm_hold_lock(name, onAcquired) {
  if (!navigator.locks || typeof navigator.locks.request !== 'function') {
    onAcquired();
    return () => {};
  }
  let release = () => {};
  let given_up = false;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  navigator.locks
    .request(name, () => {
      if (given_up) return undefined;
      onAcquired();
      return held;
    })
    .catch(() => {});
  return () => {
    given_up = true;
    release();
  };
}

// Lower-case hex SHA-256 of `text`; null where SubtleCrypto is missing (an
// insecure origin).
export async function crm_sha256_hex(text) {
  if (!globalThis.crypto || !crypto.subtle) return null;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

// Follows a server-sent event stream at `url`, calling `onEvent()` for each
// event carrying data and `onEnd(status)` once when it ends (0: the connection
// dropped). Returns a function that closes it.
export function crm_follow_stream(url, token, onEvent, onEnd) {
  const controller = new AbortController();
  (async () => {
    let status = 0;
    try {
      const response = await fetch(url, {
        headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' },
        cache: 'no-store',
        signal: controller.signal,
      });
      status = response.status;
      if (response.ok && response.body) {
        status = 0;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n?/g, '\n');
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.split('\n').some((line) => line.startsWith('data:'))) onEvent();
          }
        }
      }
    } catch (_) {
      status = 0;
    }
    if (!controller.signal.aborted) onEnd(status);
  })();
  return () => controller.abort();
}

// A promise that resolves after `milliseconds` or when `wake()` is called,
// whichever is first. Returns [promise, wake].
export function crm_wake_promise(milliseconds) {
  let wake = () => {};
  const promise = new Promise((resolve) => {
    const timer = setTimeout(resolve, milliseconds);
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  return [promise, wake];
}
