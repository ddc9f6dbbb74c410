import {
  h, fill, field, select, badge, humanize, formatDate, formatNumber, withStates, empty, failure, loading, pageHeader,
  showFormError, formValues,
} from '../ui.js';
import { query } from '../session.js';
import { isAbout, payloadOf } from '../events.js';

/** The crews the server runs (POST /crews/{name}/runs); the API has no list of them. */
const CREWS = [['campaign', 'Campaign crew: strategist, content creator, SEO analyser']];

/** Agents and crews to start, their steps as they happen, and the recent runs. */
export function renderAgents({ main, session, events }) {
  const startBox = h('div');
  const liveBox = h('section', { class: 'card live-run', 'aria-labelledby': 'live-run-h', hidden: true });
  const runsBox = h('div', { class: 'table-wrap' });
  const statusFilter = select('status', [['', 'Any status'], ['RUNNING', 'Running'], ['SUCCEEDED', 'Succeeded'], ['FAILED', 'Failed']], '');
  statusFilter.addEventListener('change', () => loadRuns());

  fill(main, pageHeader('Agents'),
    h('div', { class: 'two-col' },
      h('div', {},
        h('section', { class: 'card', 'aria-labelledby': 'start-h' }, h('h2', { id: 'start-h' }, 'Start a run'), startBox),
        liveBox),
      h('section', { 'aria-labelledby': 'runs-h' }, h('h2', { id: 'runs-h' }, 'Recent runs'), field('Show', statusFilter), runsBox)));

  withStates(startBox, () => session.get('/agents'), (agents) => startForm(agents), 'Loading agents');

  // While a run is under way its progress events are shown as they arrive; the first RUN_STARTED names the run.
  let watching = null;
  let pendingRuns = null;
  const unsubscribe = events.subscribe((e) => {
    if (!isAbout(e, 'run')) return;
    const p = payloadOf(e) || {};
    if (watching) {
      if (!watching.runId && p.type === 'RUN_STARTED') watching.runId = p.runId;
      if (!watching.runId || p.runId === watching.runId) {
        watching.list.append(progressItem(p));
      }
    }
    clearTimeout(pendingRuns);
    pendingRuns = setTimeout(loadRuns, 500);
  });

  function startForm(agents) {
    if (agents.length === 0) return empty('No agents are available on this server.');
    const targets = [
      ...agents.map((a) => [`agent:${a.type}`, `Agent: ${a.title}`]),
      ...CREWS.map(([name, label]) => [`crew:${name}`, label]),
    ];
    const goal = h('p', { class: 'hint goal' });
    const form = h('form', { class: 'start-run', novalidate: true },
      field('Run', select('target', targets, targets[0][0])),
      goal,
      field('Instruction', h('textarea', { name: 'instruction', rows: 3, required: true }, "Plan next month's campaign for our best lead segments.")),
      field('Keywords', h('input', { name: 'keywords', placeholder: 'crm, saas' }), 'Comma-separated, for content and SEO'),
      field('Page URL', h('input', { name: 'pageUrl', type: 'url', placeholder: 'https://example.com' }), 'For the SEO analyser'),
      h('button', { type: 'submit', class: 'primary' }, 'Start run'));
    const showGoal = () => {
      const agent = agents.find((a) => `agent:${a.type}` === form.elements.target.value);
      goal.textContent = agent ? agent.goal : 'The crew runs its agents in order, each building on the last.';
    };
    form.elements.target.addEventListener('change', showGoal);
    showGoal();
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = formValues(form);
      if (!v.instruction) {
        showFormError(form, new Error('Write an instruction for the run.'));
        return;
      }
      const [kind, name] = v.target.split(/:(.*)/s);
      const body = { instruction: v.instruction, keywords: v.keywords ? v.keywords.split(',').map((k) => k.trim()).filter(Boolean) : [] };
      if (v.pageUrl) body.pageUrl = v.pageUrl;
      const button = form.querySelector('button[type=submit]');
      button.disabled = true;
      showFormError(form, null);
      const list = h('ol', { class: 'progress-events', 'aria-label': 'Run progress' });
      const result = h('div');
      watching = { runId: null, list };
      liveBox.hidden = false;
      fill(liveBox, h('h2', { id: 'live-run-h' }, 'Live run'), h('p', { class: 'hint', role: 'status' }, 'Steps appear here as the server reports them.'), list, result);
      try {
        const answer = await session.post(kind === 'crew' ? `/crews/${encodeURIComponent(name)}/runs` : `/agents/${encodeURIComponent(name)}/runs`, body);
        const run = answer.run || answer;
        fill(result, runSummary(run), h('p', {}, h('a', { href: `#/agent-runs/${encodeURIComponent(run.id)}` }, 'Open the run with every step')));
        loadRuns();
      } catch (err) {
        showFormError(form, err);
        fill(result, failure(err));
      } finally {
        watching = null;
        button.disabled = false;
      }
    });
    return form;
  }

  function loadRuns() {
    return withStates(runsBox, () => session.get(`/agent-runs${query({ status: statusFilter.value })}`), (data) => {
      const runs = data.items || [];
      if (runs.length === 0) return empty('No runs yet. Start one on the left.');
      return h('table', { class: 'data runs-table' },
        h('thead', {}, h('tr', {}, ['Run', 'Status', 'Steps', 'Tokens', 'Cost', 'Started'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, runs.map((r) => h('tr', {},
          h('td', { 'data-label': 'Run' }, h('a', { href: `#/agent-runs/${encodeURIComponent(r.id)}` }, r.name || r.id)),
          h('td', { 'data-label': 'Status' }, badge(r.status)),
          h('td', { 'data-label': 'Steps', class: 'num' }, (r.steps || []).length),
          h('td', { 'data-label': 'Tokens', class: 'num' }, tokenText(r)),
          h('td', { 'data-label': 'Cost', class: 'num' }, costText(r.estimatedCost)),
          h('td', { 'data-label': 'Started' }, formatDate(r.startedAt))))));
    }, 'Loading runs');
  }
  loadRuns();
  return () => {
    unsubscribe();
    clearTimeout(pendingRuns);
  };
}

function progressItem(p) {
  return h('li', { class: `progress-event type-${String(p.type).toLowerCase()}` },
    h('time', { datetime: p.at }, p.at ? new Date(p.at).toLocaleTimeString() : ''), ' ',
    /^(STEP|TOOL|OUTPUT)/.test(p.type) ? `Step ${p.step} · ` : '',
    p.agent ? `${humanize(p.agent)} · ` : '',
    h('strong', {}, humanize(p.type)),
    p.detail ? ` — ${p.detail}` : '');
}

function tokenText(r) {
  if (r.inputTokens === undefined) return '—';
  return `${formatNumber(r.inputTokens)} in / ${formatNumber(r.outputTokens)} out`;
}

function costText(c) {
  if (c === null || c === undefined) return '—';
  return `$${Number(c).toFixed(4)}`;
}

function runSummary(run) {
  return h('div', { class: 'run-summary' },
    h('p', {}, badge(run.status), run.mode ? ` · ${run.mode}` : '', run.model ? ` · model ${run.model}` : ''),
    h('dl', { class: 'details' },
      h('dt', {}, 'Steps'), h('dd', {}, String((run.steps || []).length)),
      h('dt', {}, 'Tokens'), h('dd', { class: 'run-tokens' }, tokenText(run)),
      h('dt', {}, 'Estimated cost'), h('dd', { class: 'run-cost' }, costText(run.estimatedCost)),
      h('dt', {}, 'Started'), h('dd', {}, formatDate(run.startedAt)),
      h('dt', {}, 'Finished'), h('dd', {}, run.finishedAt ? formatDate(run.finishedAt) : 'Still running')),
    run.failure ? h('p', { class: 'error-text', role: 'alert' }, run.failure) : null);
}

/** One run with every step, its tool calls, tokens and cost; refreshed by the run's live events. */
export function renderRun({ main, session, events, params }) {
  const [id] = params;
  const head = h('div');
  const steps = h('ol', { class: 'steps', 'aria-label': 'Steps' });
  const live = h('p', { class: 'hint', role: 'status' });

  async function load() {
    try {
      show(await session.get(`/agent-runs/${encodeURIComponent(id)}`));
    } catch (err) {
      if (err.sessionEnded) return;
      fill(head, err.status === 404 ? empty('No such run.', h('a', { href: '#/agents' }, 'Back to agents')) : failure(err, load));
    }
  }

  function show(run) {
    fill(head,
      h('p', { class: 'crumbs' }, h('a', { href: '#/agents' }, '← Agents')),
      pageHeader(`Run: ${humanize(run.name)}`),
      h('section', { class: 'card' }, runSummary(run)));
    const list = run.steps || [];
    fill(steps, list.length === 0 ? h('li', { class: 'state empty' }, 'This run has no steps yet.') : list.map(stepItem));
  }

  fill(main, head, h('section', { 'aria-labelledby': 'steps-h' }, h('h2', { id: 'steps-h' }, 'Steps'), live, steps));
  fill(head, loading('Loading the run'));
  load();

  const unsubscribe = events.subscribe((e) => {
    if (!isAbout(e, 'run')) return;
    const p = payloadOf(e) || {};
    if (p.runId !== id) return;
    live.textContent = `Live: ${humanize(p.type)}${p.agent ? ` — ${humanize(p.agent)}` : ''}`;
    load();
  });
  return unsubscribe;
}

function stepItem(s) {
  const calls = s.toolCalls || [];
  return h('li', { class: `step status-${String(s.status).toLowerCase()}` },
    h('h3', {}, `${s.index}. ${humanize(s.agent)} `, badge(s.status)),
    h('p', { class: 'hint' }, `${formatNumber(s.inputTokens)} tokens in / ${formatNumber(s.outputTokens)} out · ${s.modelCalls} model calls · ${formatNumber(s.durationMillis)} ms`),
    calls.length ? h('ul', { class: 'tool-calls', 'aria-label': 'Tool calls' }, calls.map((c) => h('li', {},
      h('code', {}, c.tool), ` ${c.succeeded ? 'succeeded' : 'failed'} in ${formatNumber(c.durationMillis)} ms`,
      c.arguments ? h('details', {}, h('summary', {}, 'Arguments'), h('pre', {}, c.arguments)) : null))) : null,
    s.failure ? h('p', { class: 'error-text' }, s.failure) : null);
}
