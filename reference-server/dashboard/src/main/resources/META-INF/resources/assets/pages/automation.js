import {
  h, fill, field, badge, formatDate, humanize, withStates, empty, pageHeader, showFormError, formValues, toast, describe,
} from '../ui.js';
import { isAbout } from '../events.js';

function listOf(data) {
  if (Array.isArray(data)) return data;
  return data.items || data.endpoints || data.deliveries || [];
}

/** Webhook endpoints, their deliveries, and redelivery. */
export function renderAutomation({ main, session, events }) {
  const endpointsBox = h('div');
  const deliveriesBox = h('div', { class: 'table-wrap' });
  const deliveriesHeading = h('h2', { id: 'deliveries-h' }, 'Deliveries');
  const refreshButton = h('button', { type: 'button', hidden: true, onclick: () => loadDeliveries() }, 'Refresh deliveries');
  let selected = null;
  // Deliveries happen in the background with retries; while one endpoint is open its list is kept fresh.
  const poll = setInterval(() => { if (selected && !document.hidden) loadDeliveries(true); }, 5000);

  const form = h('form', { class: 'endpoint-form', novalidate: true },
    field('URL', h('input', { name: 'url', type: 'url', required: true, placeholder: 'https://example.com/hooks/bizo' })),
    field('Events', h('input', { name: 'eventTypes', placeholder: 'lead.created, payment.captured' }), 'Comma-separated; empty means every event'),
    h('button', { type: 'submit', class: 'primary' }, 'Add endpoint'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = formValues(form);
    const body = { url: v.url };
    if (v.eventTypes) body.eventTypes = v.eventTypes.split(',').map((t) => t.trim()).filter(Boolean);
    try {
      const created = await session.post('/webhook-endpoints', body);
      form.reset();
      showFormError(form, null);
      if (created && created.secret) {
        // The signing secret is shown once, like any write-only secret.
        form.after(h('div', { class: 'notice secret-once', role: 'status' },
          h('p', {}, 'Signing secret (shown once; store it now): '), h('code', {}, created.secret)));
      }
      loadEndpoints();
    } catch (err) {
      showFormError(form, err);
    }
  });

  fill(main, pageHeader('Automation'),
    h('div', { class: 'two-col narrow-left' },
      h('section', { 'aria-labelledby': 'endpoints-h' }, h('h2', { id: 'endpoints-h' }, 'Webhook endpoints'), endpointsBox,
        h('div', { class: 'card' }, h('h3', {}, 'New endpoint'), form)),
      h('section', { 'aria-labelledby': 'deliveries-h' }, deliveriesHeading, refreshButton, deliveriesBox)));
  fill(deliveriesBox, empty('Choose an endpoint to see its deliveries.'));

  function loadEndpoints() {
    return withStates(endpointsBox, () => session.get('/webhook-endpoints'), (data) => {
      const endpoints = listOf(data);
      if (endpoints.length === 0) return empty('No webhook endpoints yet. Add one to receive events as signed HTTP POSTs.');
      return h('ul', { class: 'endpoints' }, endpoints.map((ep) => h('li', { class: 'card' },
        h('p', {}, h('strong', {}, ep.url), ' ', ep.enabled === false ? badge('disabled') : badge('active')),
        ep.disabledReason ? h('p', { class: 'hint' }, ep.disabledReason) : null,
        h('p', { class: 'hint' }, `Events: ${(ep.eventTypes || ep.events || []).join(', ') || 'all'}`),
        h('div', { class: 'actions-row' },
          h('button', { type: 'button', 'aria-label': `Deliveries to ${ep.url}`, onclick: () => { selected = ep; loadDeliveries(); } }, 'Deliveries'),
          h('button', { type: 'button', class: 'danger', onclick: async () => {
            if (!confirm(`Stop delivering to ${ep.url}?`)) return;
            try {
              await session.request('DELETE', `/webhook-endpoints/${encodeURIComponent(ep.id)}`);
              if (selected && selected.id === ep.id) {
                selected = null;
                refreshButton.hidden = true;
                fill(deliveriesBox, empty('Choose an endpoint to see its deliveries.'));
              }
              loadEndpoints();
            } catch (err) {
              toast(describe(err), 'error');
            }
          } }, 'Disable')))));
    }, 'Loading endpoints');
  }

  function loadDeliveries(quiet) {
    if (!selected) return undefined;
    const ep = selected;
    deliveriesHeading.textContent = `Deliveries to ${ep.url}`;
    refreshButton.hidden = false;
    const render = (data) => {
      const deliveries = listOf(data);
      if (deliveries.length === 0) return empty('Nothing delivered to this endpoint yet.');
      return h('table', { class: 'data' },
        h('thead', {}, h('tr', {}, ['Event', 'Status', 'Attempts', 'Last answer', 'Created', ''].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, deliveries.map((d) => h('tr', {},
          h('td', { 'data-label': 'Event' }, d.eventType),
          h('td', { 'data-label': 'Status' }, badge(d.status)),
          h('td', { 'data-label': 'Attempts', class: 'num' }, (d.attempts || []).length),
          h('td', { 'data-label': 'Last answer' }, lastAnswer(d)),
          h('td', { 'data-label': 'Created' }, formatDate(d.createdAt)),
          h('td', {}, h('button', { type: 'button', onclick: async (e) => {
            e.target.disabled = true;
            try {
              await session.post(`/webhook-endpoints/${encodeURIComponent(ep.id)}/deliveries/${encodeURIComponent(d.id)}/redeliver`, {});
              toast('Redelivery queued.');
              loadDeliveries();
            } catch (err) {
              toast(describe(err), 'error');
              e.target.disabled = false;
            }
          } }, 'Redeliver'))))));
    };
    const load = () => session.get(`/webhook-endpoints/${encodeURIComponent(ep.id)}/deliveries`);
    if (quiet) {
      // A background refresh keeps what is shown until the new list is in, and stays quiet on errors.
      return load().then((data) => { if (selected === ep) fill(deliveriesBox, render(data)); }).catch(() => {});
    }
    return withStates(deliveriesBox, load, render, 'Loading deliveries');
  }

  loadEndpoints();
  const unsubscribe = events.subscribe((e) => {
    if (selected && isAbout(e, 'webhook')) loadDeliveries(true);
  });
  return () => {
    unsubscribe();
    clearInterval(poll);
  };
}

function lastAnswer(d) {
  const attempts = d.attempts || [];
  const last = attempts[attempts.length - 1];
  if (!last) return d.nextAttemptAt ? `Next attempt ${formatDate(d.nextAttemptAt)}` : '—';
  return `${last.status ? `HTTP ${last.status}` : last.error || 'no answer'} (${humanize(last.verdict)})`;
}
