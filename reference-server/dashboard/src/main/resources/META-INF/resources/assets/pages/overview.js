import { h, fill, badge, humanize, formatNumber, formatDate, pageHeader, describe, loading } from '../ui.js';
import { isAbout, payloadOf } from '../events.js';

let lastHealth = null;

/**
 * Turns a health event into [{name, status, detail}], accepting a MicroProfile Health body
 * ({status, checks: [{name, status, data}]}), a map of components, or a single component.
 */
export function healthComponents(data) {
  if (!data || typeof data !== 'object') return [];
  const body = data.health || data.components || data.checks || data;
  if (Array.isArray(body)) {
    return body.map((c) => ({ name: c.name || c.component, status: c.status || c.state, detail: c.data || c.detail }));
  }
  if (body.name && body.status && typeof body.status === 'string') {
    return [{ name: body.name, status: body.status, detail: body.data || body.detail }];
  }
  return Object.entries(body)
    .filter(([k]) => k !== 'status' && k !== 'type' && k !== 'at')
    .map(([name, v]) => (v && typeof v === 'object'
      ? { name, status: v.status || v.state, detail: v.data || v.detail || v }
      : { name, status: v, detail: null }));
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
  function acceptHealth(data) {
    lastHealth = data;
    for (const c of healthComponents(data)) if (c.name) healthMap.set(c.name, c);
    showHealth();
  }
  if (lastHealth) acceptHealth(lastHealth);
  else showHealth();

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
    return `${gateways.filter((g) => g.configured).length} of ${gateways.length}`;
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
    if (isAbout(e, 'health')) acceptHealth(payloadOf(e));
    showFeed();
  });
  const unwatch = events.onStatus((status, detail) => {
    streamNote.textContent = status === 'live'
      ? 'Updated live from the server.'
      : `Live stream: ${humanize(status)}${detail ? ` (${detail})` : ''}.`;
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
