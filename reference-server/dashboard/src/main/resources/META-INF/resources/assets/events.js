// The server's SSE stream (GET /api/v1/events), read with fetch so the bearer token can be sent
// (EventSource cannot send an Authorization header). Reconnects with a fresh token and Last-Event-ID.

import { API } from './session.js';

/** Parses a text/event-stream body into {id, event, data} messages, per the HTML spec's rules. */
export class EventStreamParser {
  constructor(onMessage) {
    this.onMessage = onMessage;
    this.buffer = '';
    this.reset();
  }

  reset() {
    this.event = '';
    this.data = [];
    this.id = null;
  }

  push(chunk) {
    this.buffer += chunk;
    let newline;
    while ((newline = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, newline);
      const width = this.buffer.startsWith('\r\n', newline) ? 2 : 1;
      this.buffer = this.buffer.slice(newline + width);
      this.line(line);
    }
  }

  line(line) {
    if (line === '') {
      if (this.data.length > 0) {
        this.onMessage({ id: this.id, event: this.event || 'message', data: this.data.join('\n') });
      }
      this.reset();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (name === 'event') this.event = value;
    else if (name === 'data') this.data.push(value);
    else if (name === 'id') this.id = value;
  }
}

/**
 * One live connection per session. subscribe(fn) gets every event as {type, data, id}; onStatus(fn)
 * gets 'connecting' | 'live' | 'reconnecting' | 'unavailable' | 'closed'.
 */
export class LiveEvents {
  constructor(session) {
    this.session = session;
    this.subscribers = new Set();
    this.statusListeners = new Set();
    this.status = 'closed';
    this.lastEventId = null;
    this.controller = null;
    this.retryMs = 1000;
    this.timer = null;
    this.stopped = true;
    this.recent = [];
  }

  subscribe(fn) {
    this.subscribers.add(fn);
    return () => this.subscribers.delete(fn);
  }

  onStatus(fn) {
    this.statusListeners.add(fn);
    fn(this.status, this.detail);
    return () => this.statusListeners.delete(fn);
  }

  setStatus(status, detail) {
    this.status = status;
    this.detail = detail;
    for (const fn of this.statusListeners) fn(status, detail);
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.controller) this.controller.abort();
    this.controller = null;
    this.recent = [];
    this.lastEventId = null;
    this.setStatus('closed');
  }

  async connect() {
    if (this.stopped) return;
    this.setStatus(this.status === 'live' ? 'reconnecting' : 'connecting');
    const controller = new AbortController();
    this.controller = controller;
    try {
      const token = await this.session.token();
      const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${token}` };
      if (this.lastEventId) headers['Last-Event-ID'] = this.lastEventId;
      const response = await fetch(`${API}/events`, { headers, signal: controller.signal, cache: 'no-store' });
      if (response.status === 401) {
        await this.session.refresh();
        this.schedule(0);
        return;
      }
      if (!response.ok || !response.body) {
        this.setStatus('unavailable', `The live stream answered HTTP ${response.status}`);
        this.schedule(response.status === 404 ? 30000 : this.backoff());
        return;
      }
      this.setStatus('live');
      this.retryMs = 1000;
      const parser = new EventStreamParser((m) => this.dispatch(m));
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.push(value);
      }
      this.setStatus('reconnecting', 'The live stream closed');
      this.schedule(this.backoff());
    } catch (error) {
      if (this.stopped || (error && error.sessionEnded)) return;
      this.setStatus('reconnecting', error && error.message);
      this.schedule(this.backoff());
    }
  }

  backoff() {
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 15000);
    return wait;
  }

  schedule(ms) {
    clearTimeout(this.timer);
    if (!this.stopped) this.timer = setTimeout(() => this.connect(), ms);
  }

  dispatch(message) {
    if (message.id) this.lastEventId = message.id;
    let data = message.data;
    try {
      data = JSON.parse(message.data);
    } catch (e) {
      // Plain-text data stays a string.
    }
    // A server may name the type in the SSE event field or inside the JSON; accept both.
    let type = message.event;
    if (type === 'message' && data && typeof data === 'object' && data.type) type = data.type;
    const event = { type, data, id: message.id, receivedAt: new Date() };
    this.recent.unshift(event);
    this.recent.length = Math.min(this.recent.length, 50);
    for (const fn of this.subscribers) {
      try {
        fn(event);
      } catch (e) {
        console.error('live event handler failed', e);
      }
    }
  }
}

/** Whether an event is about an area: 'lead', 'payment', 'run' (agent runs), 'health', 'webhook'. */
export function isAbout(event, area) {
  const t = String(event.type || '').toLowerCase();
  if (area === 'run') return /(^|[._-])(run|agent|crew)/.test(t);
  return t.startsWith(area) || t.includes(`.${area}`) || t.includes(`${area}.`);
}

/** The id of what an event is about: the outbox aggregate id, else an id in its payload. */
export function subjectOf(event) {
  const d = event.data || {};
  const p = payloadOf(event) || {};
  return d.aggregateId || p.leadId || p.paymentId || p.runId || p.id || null;
}

/** The object an event carries: its payload field when wrapped, else its data. */
export function payloadOf(event) {
  const d = event.data;
  if (d && typeof d === 'object') {
    if (d.payload && typeof d.payload === 'object') return d.payload;
    if (d.data && typeof d.data === 'object') return d.data;
  }
  return d;
}
