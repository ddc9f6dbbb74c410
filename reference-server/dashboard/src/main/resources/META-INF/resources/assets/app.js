// The dashboard's shell: hash routes, the login gate, the header with live-stream status, and logout.

import { Session } from './session.js';
import { LiveEvents } from './events.js';
import { fill, toast } from './ui.js';
import { renderLogin } from './pages/login.js';
import { renderOverview } from './pages/overview.js';
import { renderLeads, renderLead } from './pages/leads.js';
import { renderAnalytics } from './pages/analytics.js';
import { renderPayments, renderPayment } from './pages/payments.js';
import { renderAgents, renderRun } from './pages/agents.js';
import { renderAutomation } from './pages/automation.js';

const routes = [
  [/^\/overview$/, renderOverview, 'Overview'],
  [/^\/leads$/, renderLeads, 'Leads'],
  [/^\/leads\/([^/]+)$/, renderLead, 'Lead'],
  [/^\/analytics$/, renderAnalytics, 'Analytics'],
  [/^\/payments$/, renderPayments, 'Payments'],
  [/^\/payments\/([^/]+)$/, renderPayment, 'Payment'],
  [/^\/agents$/, renderAgents, 'Agents'],
  [/^\/agent-runs\/([^/]+)$/, renderRun, 'Agent run'],
  [/^\/automation$/, renderAutomation, 'Automation'],
];

const session = new Session();
const events = new LiveEvents(session);
const main = document.getElementById('main');
const topbar = document.querySelector('.topbar');
let cleanup = null;
let endedReason = null;

/** The current route: path and query from the hash (#/leads?status=NEW). */
export function currentRoute() {
  const raw = location.hash.replace(/^#/, '') || '/overview';
  const [path, search] = raw.split('?');
  return { path, query: new URLSearchParams(search || '') };
}

export function navigate(path, params) {
  const q = params ? new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '')).toString() : '';
  const target = `#${path}${q ? `?${q}` : ''}`;
  if (location.hash === target) render();
  else location.hash = target;
}

function render() {
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  const { path, query } = currentRoute();
  if (!session.active) {
    topbar.hidden = true;
    document.title = 'Log in · Bizo';
    cleanup = renderLogin({ main, session, reason: endedReason, onLoggedIn });
    return;
  }
  topbar.hidden = false;
  for (const link of document.querySelectorAll('#nav a')) {
    const active = path === link.getAttribute('href').slice(1) || path.startsWith(`${link.getAttribute('href').slice(1)}/`);
    if (active) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const match = routes.map(([re, fn, title]) => [path.match(re), fn, title]).find(([m]) => m);
  if (!match) {
    navigate('/overview');
    return;
  }
  const [m, fn, title] = match;
  document.title = `${title} · Bizo`;
  fill(main);
  const ctx = { main, session, events, query, params: m.slice(1).map(decodeURIComponent), navigate };
  cleanup = fn(ctx) || null;
  closeMenu();
}

function onLoggedIn() {
  endedReason = null;
  const me = session.me || {};
  document.querySelector('.who').textContent = `${me.email || 'API key'} · ${me.tenantName || me.tenantSlug || ''}`;
  events.start();
  const { path } = currentRoute();
  if (path === '/login' || !location.hash) navigate('/overview');
  else render();
  main.focus();
}

session.onEnded = (reason) => {
  endedReason = reason;
  events.stop();
  toast(reason, 'error');
  render();
};

document.querySelector('.logout').addEventListener('click', async () => {
  events.stop();
  await session.logout();
  endedReason = 'You are logged out.';
  render();
});

const menuButton = document.querySelector('.nav-toggle');
function closeMenu() {
  menuButton.setAttribute('aria-expanded', 'false');
  topbar.classList.remove('menu-open');
}
menuButton.addEventListener('click', () => {
  const open = menuButton.getAttribute('aria-expanded') !== 'true';
  menuButton.setAttribute('aria-expanded', String(open));
  topbar.classList.toggle('menu-open', open);
});

const live = document.querySelector('.live');
events.onStatus((status, detail) => {
  const text = { live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…', unavailable: 'Live updates unavailable', closed: 'Offline' }[status];
  live.dataset.status = status;
  live.querySelector('.live-text').textContent = text;
  live.title = detail || text;
});

window.addEventListener('hashchange', render);
render();
