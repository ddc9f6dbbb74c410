import {
  h, fill, field, select, badge, humanize, formatDate, formatMoney, withStates, empty, failure, loading, pageHeader,
  showFormError, formValues, toast,
} from '../ui.js';
import { query, idempotencyKey } from '../session.js';
import { isAbout } from '../events.js';

/** bizo-payments' PaymentStatus, in its order (DashboardOptionListsTest keeps the two equal). */
const STATUSES = ['NEW', 'PENDING', 'UNKNOWN', 'AUTHORIZED', 'CAPTURED', 'PARTIALLY_REFUNDED', 'REFUNDED', 'VOIDED', 'DECLINED', 'FAILED'];
/** The simulator's test cards (bizo-payments-simulator SimulatorCards). */
const TEST_CARDS = [
  ['4242424242424242', 'Succeeds'],
  ['4000000000000002', 'Declined: card declined'],
  ['4000000000009995', 'Declined: insufficient funds'],
  ['4000002760003184', 'Needs a 3-D Secure redirect'],
  ['4000000000000408', 'Times out, then succeeds'],
];

/** The payment list, the test-payment form and, for admins, gateway credentials. */
export function renderPayments({ main, session, events, query: params, navigate }) {
  const filters = { status: params.get('status') || '', gateway: params.get('gateway') || '' };
  const cursors = [null];
  let page = 0;
  let gateways = [];

  const filterForm = h('form', { class: 'filters', 'aria-label': 'Filter payments' },
    field('Status', select('status', [['', 'Any status'], ...STATUSES.map((s) => [s, humanize(s)])], filters.status)),
    field('Gateway', h('input', { name: 'gateway', value: filters.gateway, placeholder: 'simulator' })),
    h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'primary' }, 'Apply')));
  filterForm.addEventListener('submit', (e) => {
    e.preventDefault();
    navigate('/payments', formValues(filterForm));
  });

  const list = h('div', { class: 'table-wrap' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Payment pages' });
  const testBox = h('div');
  const gatewayBox = h('div');

  fill(main,
    pageHeader('Payments'),
    h('div', { class: 'two-col' },
      h('section', { 'aria-labelledby': 'pay-list-h' }, h('h2', { id: 'pay-list-h' }, 'All payments'), filterForm, list, pager),
      h('div', {},
        h('section', { class: 'card', 'aria-labelledby': 'pay-test-h' }, h('h2', { id: 'pay-test-h' }, 'Test payment'), testBox),
        h('section', { class: 'card', 'aria-labelledby': 'pay-gw-h' }, h('h2', { id: 'pay-gw-h' }, 'Gateways'), gatewayBox))));

  async function loadList() {
    const result = await withStates(list, () => session.get(`/payments${query({ ...filters, cursor: cursors[page] })}`), (data) => paymentTable(data.items || [], filters), 'Loading payments');
    if (result === undefined) return;
    cursors[page + 1] = result.nextCursor || null;
    fill(pager,
      h('button', { type: 'button', disabled: page === 0, onclick: () => { page -= 1; loadList(); } }, 'Previous'),
      h('span', {}, `Page ${page + 1}`),
      h('button', { type: 'button', disabled: !result.nextCursor, onclick: () => { page += 1; loadList(); } }, 'Next'));
  }

  async function loadGateways() {
    gateways = (await withStates(gatewayBox, () => session.get('/gateways'), (g) => gatewayList(session, g, loadGateways), 'Loading gateways')) || [];
    fill(testBox, testPaymentForm(session, gateways, (result) => {
      toast(`Payment ${humanize(result.status)}${result.declineCode ? ` (${result.declineCode})` : ''}.`, result.status === 'DECLINED' ? 'error' : 'info');
      loadList();
    }));
  }

  loadList();
  loadGateways();
  const unsubscribe = events.subscribe((e) => {
    if (isAbout(e, 'payment') && page === 0) loadList();
  });
  return unsubscribe;
}

function paymentTable(items, filters) {
  if (items.length === 0) {
    return empty(filters.status || filters.gateway ? 'No payments match these filters.' : 'No payments yet. Try a test payment with the simulator.');
  }
  // The API lists oldest first; the newest matter most here.
  const rows = items.slice().reverse();
  return h('table', { class: 'data payments-table' },
    h('caption', { class: 'visually-hidden' }, 'Payments'),
    h('thead', {}, h('tr', {}, ['Payment', 'Amount', 'Status', 'Gateway', 'Created'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows.map((p) => h('tr', { dataset: { id: p.id } },
      h('td', { 'data-label': 'Payment' }, h('a', { href: `#/payments/${encodeURIComponent(p.id)}` }, p.id.slice(0, 8) + '…')),
      h('td', { 'data-label': 'Amount', class: 'num' }, formatMoney(p.amount)),
      h('td', { 'data-label': 'Status' }, badge(p.status)),
      h('td', { 'data-label': 'Gateway' }, p.gateway),
      h('td', { 'data-label': 'Created' }, formatDate(p.createdAt))))));
}

function testPaymentForm(session, gateways, done) {
  const simulators = gateways.filter((g) => g.simulator);
  if (simulators.length === 0) {
    return empty('No simulator gateway is installed on this server.');
  }
  const form = h('form', { class: 'test-payment', novalidate: true },
    field('Amount', h('input', { name: 'amount', inputmode: 'decimal', required: true, value: '19.99' })),
    field('Currency', select('currency', ['EUR', 'USD', 'GBP', 'INR', 'JPY'].map((c) => [c, c]), 'EUR')),
    field('Test card', select('paymentMethod', TEST_CARDS, TEST_CARDS[0][0])),
    field('Capture', select('captureMode', [['AUTOMATIC', 'Charge now'], ['MANUAL', 'Authorize only']], 'AUTOMATIC')),
    field('Description', h('input', { name: 'description', value: 'Dashboard test payment' })),
    h('input', { type: 'hidden', name: 'gateway', value: simulators[0].id }),
    h('button', { type: 'submit', class: 'primary' }, 'Pay with the simulator'),
    h('p', { class: 'hint' }, `Gateway: ${simulators[0].displayName || simulators[0].id}.`));
  const outcome = h('div', { class: 'payment-outcome', role: 'status', 'aria-live': 'polite' });
  form.append(outcome);
  // One key per intended payment: a retried click replays instead of paying twice.
  let key = idempotencyKey();
  form.addEventListener('change', () => { key = idempotencyKey(); });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = formValues(form);
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const money = await session.post('/money/parse', { amount: Number(v.amount), currency: v.currency });
      const result = await session.post('/payments', {
        amount: money.minorUnits, currency: money.currency, paymentMethod: v.paymentMethod, gateway: v.gateway,
        captureMode: v.captureMode, description: v.description, returnUrl: `${location.origin}/#/payments`,
      }, { headers: { 'Idempotency-Key': key } });
      key = idempotencyKey();
      showFormError(form, null);
      fill(outcome, paymentOutcome(result));
      done(result);
    } catch (err) {
      showFormError(form, err);
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

/** What a payment call answered: its status, a decline, or what the customer must do next. */
function paymentOutcome(r) {
  const next = r.nextAction;
  return h('div', { class: 'card' },
    h('p', {}, badge(r.status), ` ${formatMoney(r.amount)} · transaction `, badge(r.transactionStatus)),
    r.declineCode ? h('p', { class: 'error-text' }, `${r.declineCode}: ${r.message || ''}`) : null,
    next && next.type === 'REDIRECT' ? h('p', {}, 'The customer must confirm: ', h('a', { href: next.value, target: '_blank', rel: 'noopener' }, 'open the 3-D Secure page')) : null,
    next && next.type !== 'REDIRECT' ? h('p', {}, `Next action: ${humanize(next.type)}`) : null,
    h('p', {}, h('a', { href: `#/payments/${encodeURIComponent(r.paymentId)}` }, 'Open the payment')));
}

function gatewayList(session, gateways, reload) {
  if (gateways.length === 0) return empty('No gateways are installed.');
  const admin = session.isAdmin();
  return h('ul', { class: 'gateways' }, gateways.map((g) => {
    const caps = g.capabilities || {};
    const item = h('li', { class: 'card gateway', dataset: { gateway: g.id } },
      h('h3', {}, g.displayName || g.id, ' ', g.simulator ? badge('simulator') : null, ' ', badge(g.configured ? 'configured' : 'not configured'), g.isDefault ? ' ' : null, g.isDefault ? badge('default') : null),
      h('p', { class: 'hint' }, [caps.manualCapture && 'manual capture', caps.partialRefund && 'partial refunds', caps.voidAuthorization && 'voids', caps.redirects && 'redirects']
        .filter(Boolean).join(' · ') || 'Basic payments', (caps.currencies || []).length ? ` · ${caps.currencies.join(', ')}` : ''),
      (g.credentialNames || []).length ? h('p', {}, 'Stored credentials: ', g.credentialNames.join(', '), ' (values are never shown)') : null);
    if (admin && !g.simulator) item.append(credentialForm(session, g, reload));
    return item;
  }), admin ? null : h('p', { class: 'hint' }, 'Only owners and admins can set gateway credentials.'));
}

/** Write-only: values go to the server and are never read back; the inputs are cleared after saving. */
function credentialForm(session, gateway, reload) {
  const form = h('form', { class: 'credentials', novalidate: true, autocomplete: 'off' },
    field('Name', h('input', { name: 'name', pattern: '[a-z0-9_]{1,60}', placeholder: 'secret_key', autocomplete: 'off' })),
    field('Value', h('input', { name: 'value', type: 'password', autocomplete: 'new-password' }), 'Write-only: it cannot be read back'),
    h('button', { type: 'submit' }, 'Save credential'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = formValues(form);
    try {
      await session.request('PUT', `/gateways/${encodeURIComponent(gateway.id)}/credentials`, { [v.name || '']: form.elements.value.value });
      form.reset();
      toast(`Credential ${v.name} stored for ${gateway.id}.`);
      reload();
    } catch (err) {
      showFormError(form, err);
    }
  });
  return h('details', { class: 'credentials-box' }, h('summary', {}, 'Set credentials'), form);
}

/** One payment: amounts, actions, transactions and status history. */
export function renderPayment({ main, session, events, params }) {
  const [id] = params;
  const path = `/payments/${encodeURIComponent(id)}`;

  async function load() {
    fill(main, loading('Loading the payment'));
    try {
      fill(main, paymentView(await session.get(path)));
    } catch (err) {
      if (err.sessionEnded) return;
      fill(main, pageHeader('Payment'), err.status === 404 ? empty('No such payment.', h('a', { href: '#/payments' }, 'Back to payments')) : failure(err, load));
    }
  }

  function action(label, suffix, withAmount, p) {
    const form = h('form', { class: 'inline-form' },
      withAmount ? field(`${label} amount (${p.amount.currency}, minor units)`, h('input', { name: 'amount', type: 'number', min: 1, placeholder: 'All' })) : null,
      h('button', { type: 'submit' }, label));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = formValues(form);
      try {
        const result = await session.post(`${path}/${suffix}`, withAmount ? { amount: v.amount ? Number(v.amount) : null } : {}, { headers: { 'Idempotency-Key': idempotencyKey() } });
        toast(`${label}: ${humanize(result.transactionStatus || result.status)}.`);
        load();
      } catch (err) {
        showFormError(form, err);
      }
    });
    return form;
  }

  function paymentView(p) {
    const amounts = [['Amount', p.amount], ['Authorized', p.authorized], ['Captured', p.captured], ['Refunded', p.refunded], ['Refundable', p.refundable]];
    const actions = [];
    if (p.status === 'AUTHORIZED') actions.push(action('Capture', 'capture', true, p), action('Void', 'void', false, p));
    if (p.refundable && p.refundable.minorUnits > 0) actions.push(action('Refund', 'refunds', true, p));
    return [
      h('p', { class: 'crumbs' }, h('a', { href: '#/payments' }, '← Payments')),
      pageHeader(`Payment ${formatMoney(p.amount)}`),
      h('section', { class: 'card' },
        h('p', {}, badge(p.status), ` on ${p.gateway}`),
        h('dl', { class: 'details' }, h('dt', {}, 'Id'), h('dd', {}, h('code', {}, p.id)), amounts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, formatMoney(v))])),
        actions.length ? h('div', { class: 'actions-row' }, actions) : null),
      h('section', { class: 'card', 'aria-labelledby': 'tx-h' }, h('h2', { id: 'tx-h' }, 'Transactions'),
        (p.transactions || []).length === 0 ? empty('No gateway operations yet.') : h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
          h('thead', {}, h('tr', {}, ['Operation', 'Amount', 'Status', 'Reference', 'Message', 'When'].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, p.transactions.map((t) => h('tr', {},
            h('td', { 'data-label': 'Operation' }, humanize(t.operation)),
            h('td', { 'data-label': 'Amount', class: 'num' }, formatMoney(t.amount)),
            h('td', { 'data-label': 'Status' }, badge(t.status)),
            h('td', { 'data-label': 'Reference' }, t.gatewayReference || '—'),
            h('td', { 'data-label': 'Message' }, [t.declineCode, t.message].filter(Boolean).join(': ') || '—'),
            h('td', { 'data-label': 'When' }, formatDate(t.createdAt)))))))),
      h('section', { class: 'card', 'aria-labelledby': 'ph-h' }, h('h2', { id: 'ph-h' }, 'History'),
        h('ol', { class: 'timeline' }, (p.history || []).map((e) => h('li', {},
          h('time', { datetime: e.at }, formatDate(e.at)), ' ', e.from ? `${humanize(e.from)} → ` : '', h('strong', {}, humanize(e.to)), e.note ? ` — ${e.note}` : '')))),
    ];
  }

  load();
  const unsubscribe = events.subscribe((e) => {
    const d = e.data || {};
    if (isAbout(e, 'payment') && JSON.stringify(d).includes(id)) load();
  });
  return unsubscribe;
}
