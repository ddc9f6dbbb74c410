import {
  h, fill, field, select, badge, humanize, formatDate, formatNumber, withStates, empty, failure, loading, pageHeader,
  showFormError, formValues,
} from '../ui.js';
import { query } from '../session.js';
import { isAbout, payloadOf } from '../events.js';

const PERIODS = ['LAST_7_DAYS', 'LAST_30_DAYS', 'LAST_90_DAYS'];

function listOf(data, ...keys) {
  if (Array.isArray(data)) return data;
  for (const k of keys) if (Array.isArray(data[k])) return data[k];
  return [];
}

/** Agents and crews to start, and the recent runs. */
export function renderAgents({ main, session, events, navigate }) {
  const startBox = h('div');
  const runsBox = h('div', { class: 'table-wrap' });
  const statusFilter = select('status', [['', 'Any status'], ['RUNNING', 'Running'], ['SUCCEEDED', 'Succeeded'], ['FAILED', 'Failed']], '');
  statusFilter.addEventListener('change', () => loadRuns());

  fill(main, pageHeader('Agents'),
    h('div', { class: 'two-col' },
      h('section', { class: 'card', 'aria-labelledby': 'start-h' }, h('h2', { id: 'start-h' }, 'Start a run'), startBox),
      h('section', { 'aria-labelledby': 'runs-h' }, h('h2', { id: 'runs-h' }, 'Runs'), field('Show', statusFilter), runsBox)));

  withStates(startBox, () => session.get('/agents'), (data) => startForm(data), 'Loading agents');

  function startForm(data) {
    const agents = listOf(data, 'agents', 'items').map((a) => (typeof a === 'string' ? { id: a } : a));
    const crews = listOf(data, 'crews').map((c) => (typeof c === 'string' ? { name: c } : c));
    if (agents.length + crews.length === 0) return empty('No agents are available on this server.');
    const targets = [
      ...agents.map((a) => [`agent:${a.id || a.type || a.role}`, `Agent: ${a.displayName || a.name || humanize(a.id || a.type)}`]),
      ...crews.map((c) => [`crew:${c.name || c.id}`, `Crew: ${humanize(c.name || c.id)}`]),
    ];
    const form = h('form', { class: 'start-run', novalidate: true },
      field('Run', select('target', targets, targets[0][0])),
      field('Instruction', h('textarea', { name: 'instruction', rows: 3, required: true }, 'Plan next month\'s campaign for our best lead segments.')),
      field('Period', select('period', PERIODS, 'LAST_30_DAYS')),
      field('Keywords', h('input', { name: 'keywords', placeholder: 'crm, saas' }), 'Comma-separated, for content and SEO'),
      field('Page URL', h('input', { name: 'pageUrl', type: 'url', placeholder: 'https://example.com' }), 'For the SEO analyser'),
      h('button', { type: 'submit', class: 'primary' }, 'Start run'));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = formValues(form);
      const [kind, name] = v.target.split(/:(.*)/s);
      const body = { instruction: v.instruction, period: v.period, keywords: v.keywords ? v.keywords.split(',').map((k) => k.trim()).filter(Boolean) : [] };
      if (v.pageUrl) body.pageUrl = v.pageUrl;
      const button = form.querySelector('button[type=submit]');
      button.disabled = true;
      try {
        const run = await session.post(kind === 'crew' ? `/crews/${encodeURIComponent(name)}/runs` : `/agents/${encodeURIComponent(name)}/runs`, body);
        const runId = run.id || run.runId;
        navigate(`/agent-runs/${encodeURIComponent(runId)}`);
      } catch (err) {
        showFormError(form, err);
        button.disabled = false;
      }
    });
    return form;
  }

  function loadRuns() {
    return withStates(runsBox, () => session.get(`/agent-runs${query({ status: statusFilter.value })}`), (data) => {
      const runs = listOf(data, 'items', 'runs');
      if (runs.length === 0) return empty('No runs yet. Start one on the left.');
      return h('table', { class: 'data' },
        h('thead', {}, h('tr', {}, ['Run', 'Status', 'Steps', 'Tokens', 'Cost', 'Started'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, runs.map((r) => h('tr', {},
          h('td', { 'data-label': 'Run' }, h('a', { href: `#/agent-runs/${encodeURIComponent(r.id)}` }, r.name || r.id)),
          h('td', { 'data-label': 'Status' }, badge(r.status)),
          h('td', { 'data-label': 'Steps', class: 'num' }, (r.steps || []).length || r.stepCount || '—'),
          h('td', { 'data-label': 'Tokens', class: 'num' }, tokenText(r.tokens)),
          h('td', { 'data-label': 'Cost', class: 'num' }, costText(r.estimatedCost ?? r.cost)),
          h('td', { 'data-label': 'Started' }, formatDate(r.startedAt))))));
    }, 'Loading runs');
  }
  loadRuns();
  let pending = null;
  const unsubscribe = events.subscribe((e) => {
    if (!isAbout(e, 'run')) return;
    clearTimeout(pending);
    pending = setTimeout(loadRuns, 500);
  });
  return () => {
    unsubscribe();
    clearTimeout(pending);
  };
}

function tokenText(t) {
  if (!t) return '—';
  if (typeof t === 'number') return formatNumber(t);
  return `${formatNumber(t.input)} in / ${formatNumber(t.output)} out`;
}

function costText(c) {
  if (c === null || c === undefined) return '—';
  return `$${Number(c).toFixed(4)}`;
}

/** One run: its steps appear as the server reports them over the live stream. */
export function renderRun({ main, session, events, params }) {
  const [id] = params;
  const head = h('div');
  const steps = h('ol', { class: 'steps', 'aria-live': 'polite', 'aria-label': 'Steps' });
  const live = h('p', { class: 'hint', role: 'status' });
  let finished = false;
  let poll = null;

  async function load() {
    try {
      const run = await session.get(`/agent-runs/${encodeURIComponent(id)}`);
      show(run);
    } catch (err) {
      if (err.sessionEnded) return;
      fill(head, failure(err, load));
    }
  }

  function show(run) {
    finished = run.status && run.status !== 'RUNNING';
    fill(head,
      h('p', { class: 'crumbs' }, h('a', { href: '#/agents' }, '← Agents')),
      pageHeader(`Run ${run.name || ''}`.trim()),
      h('section', { class: 'card run-summary' },
        h('p', {}, badge(run.status), run.mode ? ` · ${humanize(run.mode)} mode` : '', run.model ? ` · model ${run.model}` : ''),
        h('dl', { class: 'details' },
          h('dt', {}, 'Tokens'), h('dd', { class: 'run-tokens' }, tokenText(run.tokens)),
          h('dt', {}, 'Estimated cost'), h('dd', {}, costText(run.estimatedCost ?? run.cost)),
          h('dt', {}, 'Started'), h('dd', {}, formatDate(run.startedAt)),
          h('dt', {}, 'Finished'), h('dd', {}, run.finishedAt ? formatDate(run.finishedAt) : 'Still running')),
        run.failure ? h('p', { class: 'error-text', role: 'alert' }, `${run.failure.code}: ${run.failure.message}`) : null,
        run.output || run.result ? h('details', {}, h('summary', {}, 'Output'), h('pre', {}, JSON.stringify(run.output || run.result, null, 2))) : null));
    const list = run.steps || [];
    if (list.length === 0) {
      fill(steps, h('li', { class: 'state empty' }, finished ? 'This run has no steps.' : 'Waiting for the first step…'));
    } else {
      fill(steps, list.map(stepItem));
    }
    if (finished) {
      clearInterval(poll);
      poll = null;
    }
  }

  fill(main, head, h('section', { 'aria-labelledby': 'steps-h' }, h('h2', { id: 'steps-h' }, 'Steps'), live, steps));
  fill(head, loading('Loading the run'));
  load();

  const unsubscribe = events.subscribe((e) => {
    if (!isAbout(e, 'run')) return;
    const p = payloadOf(e) || {};
    const runId = p.runId || p.id || (p.run && p.run.id);
    if (runId && runId !== id) return;
    live.textContent = `Live: ${humanize(p.type || e.type)}${p.agent ? ` — ${p.agent}` : ''}`;
    load();
  });
  // Without the live stream (or if an event was missed) the run still finishes on screen.
  const unwatch = events.onStatus((status) => {
    clearInterval(poll);
    poll = null;
    if (status !== 'live' && !finished) poll = setInterval(load, 2000);
  });
  return () => {
    unsubscribe();
    unwatch();
    clearInterval(poll);
  };
}

function stepItem(s) {
  const calls = s.toolCalls || [];
  return h('li', { class: `step status-${String(s.status).toLowerCase()}` },
    h('h3', {}, `${(s.index ?? 0) + 1}. ${humanize(s.agent)}`, ' ', badge(s.status)),
    h('p', { class: 'hint' }, `${tokenText(s.tokens)} · ${s.modelCalls ?? 0} model calls${s.duration ? ` · ${s.duration}` : ''}`),
    s.input ? h('details', {}, h('summary', {}, 'Input'), h('pre', {}, s.input)) : null,
    calls.length ? h('ul', { class: 'tool-calls', 'aria-label': 'Tool calls' }, calls.map((c) => h('li', {},
      h('code', {}, c.tool), ` ${c.succeeded === false ? 'failed' : 'ok'}`, c.duration ? ` in ${c.duration}` : '',
      c.arguments ? h('details', {}, h('summary', {}, 'Arguments and result'), h('pre', {}, `${c.arguments}\n→ ${c.result || ''}`)) : null))) : null,
    s.output ? h('details', {}, h('summary', {}, 'Output'), h('pre', {}, typeof s.output === 'string' ? s.output : JSON.stringify(s.output, null, 2))) : null,
    s.failure ? h('p', { class: 'error-text' }, `${s.failure.code}: ${s.failure.message}`) : null);
}
