import { h, fill, badge, humanize, formatNumber, formatDate, pageHeader, describe, loading } from '../ui.js';
import { isAbout, payloadOf } from '../events.js';

/**
 * Health components named by a live event: the stream's opening {@code ready} event carries every
 * readiness check as {health, checks: [{name, status, data}]} (an older server sent only {health: "UP"},
 * the database's); a {@code health} event a change {check, from, to, data}.
 */
export function healthComponents(event) {
  const data = event.data;
  if (!data || typeof data !== 'object') return [];
  if (data.check && data.to) return [{ name: data.check, status: data.to, detail: data.data || (data.from ? `Was ${humanize(data.from)}` : null) }];
  if (Array.isArray(data.checks) && data.checks.length > 0) return data.checks.map((c) => ({ name: c.name, status: c.status, detail: c.data }));
  if (typeof data.health === 'string') return [{ name: 'database', status: data.health, detail: 'Readiness of the tenant database' }];
  return [];
}

function isHealth(event) {
  return event.type === 'ready' || isAbout(event, 'health');
}

function describeDetail(detail) {
  if (detail === null || detail === undefined) return '';
  if (typeof detail !== 'object') return String(detail);
  return Object.entries(detail).filter(([k]) => k !== 'status').map(([k, v]) => `${humanize(k)}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join(' · ');
}

/** Live health of every component, key figures, and the latest live events. */
export function renderOverview({ main, session, events }) {
  const healthBox = h('div', { class: 'health-grid', 'aria-live': 'polite' });
  const figures = h('div', { class: 'figures' });
  const feed = h('ol', { class: 'feed', 'aria-live': 'polite' });
  const streamNote = h('p', { class: 'hint stream-note' });

  fill(main,
    pageHeader('Overview'),
    h('section', { 'aria-labelledby': 'health-h' }, h('h2', { id: 'health-h' }, 'Service health'), streamNote, healthBox),
    h('section', { 'aria-labelledby': 'fig-h' }, h('h2', { id: 'fig-h' }, 'Key figures'), figures),
    h('section', { 'aria-labelledby': 'feed-h' }, h('h2', { id: 'feed-h' }, 'Live activity'), feed));

  const healthMap = new Map();
  function showHealth() {
    if (healthMap.size === 0) {
      fill(healthBox, loading('Waiting for the live health report'));
      return;
    }
    fill(healthBox, [...healthMap.values()].map((c) => h('article', { class: `health-card status-${String(c.status).toLowerCase()}`, dataset: { component: c.name } },
      h('h3', {}, humanize(c.name)), badge(c.status), h('p', { class: 'detail' }, describeDetail(c.detail)))));
  }
  function acceptHealth(event) {
    for (const c of healthComponents(event)) if (c.name) healthMap.set(c.name, c);
  }
  // What the stream said before this page opened, oldest first.
  events.recent.slice().reverse().filter(isHealth).forEach(acceptHealth);
  showHealth();

  const figure = (label, load) => {
    const value = h('p', { class: 'figure-value' }, '…');
    const card = h('article', { class: 'figure', 'aria-busy': 'true' }, h('h3', {}, label), value);
    figures.append(card);
    load().then((v) => {
      value.textContent = v;
    }).catch((e) => {
      value.textContent = '—';
      card.append(h('p', { class: 'hint error-text' }, describe(e)));
    }).finally(() => card.removeAttribute('aria-busy'));
  };
  figure('Leads', async () => {
    const report = await session.get('/analytics/leads?groupBy=STATUS');
    return formatNumber(report.total);
  });
  figure('Gateways configured', async () => {
    const gateways = await session.get('/gateways');
    const configured = gateways.filter((g) => g.configured).length;
    healthMap.set('payment-gateways', { name: 'payment-gateways', status: configured > 0 ? 'UP' : 'DOWN', detail: `${configured} of ${gateways.length} configured for this tenant` });
    showHealth();
    return `${configured} of ${gateways.length}`;
  });
  figure('Recent payments', async () => {
    const page = await session.get('/payments?limit=100');
    const items = page.items || [];
    return `${formatNumber(items.length)}${page.nextCursor ? '+' : ''}`;
  });
  figure('Agent runs', async () => {
    const runs = await session.get('/agent-runs');
    const items = Array.isArray(runs) ? runs : runs.items || [];
    return formatNumber(items.length);
  });

  function showFeed() {
    if (events.recent.length === 0) {
      fill(feed, h('li', { class: 'state empty' }, 'No live events yet. New leads, payments and agent runs appear here as they happen.'));
      return;
    }
    fill(feed, events.recent.slice(0, 12).map((e) => h('li', {},
      h('time', { datetime: e.receivedAt.toISOString() }, formatDate(e.receivedAt)), ' ',
      h('strong', {}, humanize(e.type)), ' ', summarize(payloadOf(e)))));
  }
  showFeed();

  const unsubscribe = events.subscribe((e) => {
    if (isHealth(e)) {
      acceptHealth(e);
      showHealth();
    }
    showFeed();
  });
  const unwatch = events.onStatus((status, detail) => {
    streamNote.textContent = status === 'live'
      ? 'Updated live from the server.'
      : `Live stream: ${humanize(status)}${detail ? ` (${detail})` : ''}.`;
    healthMap.set('live-stream', { name: 'live-stream', status: status === 'live' ? 'UP' : status.toUpperCase(), detail: detail || 'Server-sent events for this tenant' });
    showHealth();
  });
  return () => {
    unsubscribe();
    unwatch();
  };
}

function summarize(p) {
  if (!p || typeof p !== 'object') return p ? String(p) : '';
  return [p.name, p.email, p.status, p.amount && p.amount.amount ? `${p.amount.amount} ${p.amount.currency}` : null, p.agent, p.id]
    .filter(Boolean).slice(0, 3).join(' · ');
}
