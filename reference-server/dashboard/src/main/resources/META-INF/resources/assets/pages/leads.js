import {
  h, fill, field, select, badge, humanize, formatDate, formatNumber, withStates, empty, failure, loading,
  pageHeader, dialog, showFormError, formValues, toast, describe,
} from '../ui.js';
import { query } from '../session.js';
import { isAbout, payloadOf, subjectOf } from '../events.js';
import { contributionBar, lineChart } from '../charts.js';

export const STATUSES = ['NEW', 'CONTACTED', 'QUALIFIED', 'PROPOSAL', 'NEGOTIATION', 'WON', 'LOST', 'UNQUALIFIED'];
export const SOURCES = ['WEBSITE', 'REFERRAL', 'SOCIAL_MEDIA', 'EMAIL', 'PAID_ADS', 'EVENT', 'COLD_OUTREACH', 'PARTNER', 'OTHER'];
const ACTIVITIES = ['NOTE', 'CALL', 'MEETING', 'EMAIL_OPEN', 'EMAIL_CLICK', 'PAGE_VIEW', 'FORM_SUBMIT'];
// The API's sort keys; a leading '-' sorts descending.
const SORTS = [['-created_at', 'Newest first'], ['created_at', 'Oldest first'], ['-score', 'Highest score'], ['score', 'Lowest score'], ['name', 'Name A–Z'], ['-name', 'Name Z–A']];

/** The lead's score as a number, whether the API sends a number or a score object. */
export function scoreOf(lead) {
  return lead.score ?? null;
}

function itemsOf(page) {
  return page.items || [];
}

/** The table with filters, sorting and cursor paging; live-updated when leads arrive over SSE. */
export function renderLeads({ main, session, events, query: params, navigate }) {
  const filters = {
    status: params.get('status') || '',
    source: params.get('source') || '',
    minScore: params.get('minScore') || '',
    maxScore: params.get('maxScore') || '',
    q: params.get('q') || '',
    sort: params.get('sort') || '-created_at',
  };
  const cursors = [null];
  let page = 0;

  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter leads' },
    field('Status', select('status', [['', 'Any status'], ...STATUSES.map((s) => [s, humanize(s)])], filters.status)),
    field('Source', select('source', [['', 'Any source'], ...SOURCES.map((s) => [s, humanize(s)])], filters.source)),
    field('Min score', h('input', { name: 'minScore', type: 'number', min: 0, max: 100, inputmode: 'numeric', value: filters.minScore })),
    field('Max score', h('input', { name: 'maxScore', type: 'number', min: 0, max: 100, inputmode: 'numeric', value: filters.maxScore })),
    field('Search', h('input', { name: 'q', type: 'search', value: filters.q, placeholder: 'Name, e-mail, company' })),
    field('Sort', select('sort', SORTS, filters.sort)),
    h('div', { class: 'filter-actions' },
      h('button', { type: 'submit', class: 'primary' }, 'Apply'),
      h('button', { type: 'reset' }, 'Clear')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    navigate('/leads', formValues(form));
  });
  form.addEventListener('reset', (e) => {
    e.preventDefault();
    navigate('/leads', {});
  });

  const table = h('div', { class: 'table-wrap' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Lead pages' });
  const liveNote = h('p', { class: 'live-note', role: 'status', 'aria-live': 'polite' });

  fill(main,
    pageHeader('Leads',
      h('button', { type: 'button', class: 'primary', onclick: () => editLead(session, null, () => load()) }, 'New lead'),
      h('button', { type: 'button', onclick: () => importLeads(session, () => load()) }, 'Import CSV')),
    form, liveNote, table, pager);

  async function load() {
    const apiQuery = { ...filters, cursor: cursors[page] };
    const result = await withStates(table, () => session.get(`/leads${query(apiQuery)}`), (data) => leadTable(itemsOf(data), filters, navigate), 'Loading leads');
    if (result === undefined) return;
    cursors[page + 1] = result.nextCursor || null;
    fill(pager,
      h('button', { type: 'button', disabled: page === 0, onclick: () => { page -= 1; load(); } }, 'Previous'),
      h('span', {}, `Page ${page + 1}`),
      h('button', { type: 'button', disabled: !result.nextCursor, onclick: () => { page += 1; load(); } }, 'Next'));
  }
  load();

  let pending = null;
  const unsubscribe = events.subscribe((e) => {
    if (!isAbout(e, 'lead')) return;
    const p = payloadOf(e) || {};
    liveNote.textContent = `Live: ${humanize(e.type)}${p.score !== undefined ? ` — score ${p.score}` : ''}${p.source ? ` (${humanize(p.source)})` : ''}`;
    clearTimeout(pending);
    // Several events in a burst (an import) cause one reload.
    pending = setTimeout(() => { if (page === 0) load(); }, 300);
  });
  return () => {
    unsubscribe();
    clearTimeout(pending);
  };
}

function leadTable(leads, filters, navigate) {
  if (leads.length === 0) {
    const filtered = ['status', 'source', 'minScore', 'maxScore', 'q'].some((k) => filters[k]);
    return empty(filtered ? 'No leads match these filters.' : 'No leads yet. Create one or import a CSV file.');
  }
  const sortable = (label, key) => {
    const dir = filters.sort === key ? 'ascending' : filters.sort === `-${key}` ? 'descending' : 'none';
    const next = dir === 'descending' ? key : `-${key}`;
    return h('th', { scope: 'col', 'aria-sort': dir },
      h('button', { type: 'button', class: 'sort', onclick: () => navigate('/leads', { ...filters, sort: next }) },
        label, h('span', { 'aria-hidden': 'true' }, dir === 'ascending' ? ' ▲' : dir === 'descending' ? ' ▼' : '')));
  };
  return h('table', { class: 'data leads-table' },
    h('caption', { class: 'visually-hidden' }, 'Leads'),
    h('thead', {}, h('tr', {}, sortable('Name', 'name'), h('th', { scope: 'col' }, 'Company'), h('th', { scope: 'col' }, 'Source'),
      h('th', { scope: 'col' }, 'Status'), sortable('Score', 'score'), sortable('Created', 'created_at'))),
    h('tbody', {}, leads.map((lead) => h('tr', { dataset: { id: lead.id } },
      h('td', { 'data-label': 'Name' }, h('a', { href: `#/leads/${encodeURIComponent(lead.id)}` }, lead.name || lead.email || lead.id),
        lead.email ? h('small', { class: 'sub' }, lead.email) : null),
      h('td', { 'data-label': 'Company' }, lead.company || '—'),
      h('td', { 'data-label': 'Source' }, humanize(lead.source) || '—'),
      h('td', { 'data-label': 'Status' }, badge(lead.status)),
      h('td', { 'data-label': 'Score', class: 'num' }, scoreOf(lead) ?? '—'),
      h('td', { 'data-label': 'Created' }, formatDate(lead.createdAt))))));
}

/** The create/edit form; lead null creates. */
export function editLead(session, lead, done) {
  const v = lead || {};
  const form = h('form', { class: 'lead-form', novalidate: true },
    field('Name', h('input', { name: 'name', required: true, value: v.name || '', autocomplete: 'name' })),
    field('E-mail', h('input', { name: 'email', type: 'email', required: true, value: v.email || '', autocomplete: 'email' })),
    field('Company', h('input', { name: 'company', value: v.company || '', autocomplete: 'organization' })),
    field('Job title', h('input', { name: 'jobTitle', value: v.jobTitle || '' })),
    field('Phone', h('input', { name: 'phone', type: 'tel', value: v.phone || '', autocomplete: 'tel' })),
    field('Industry', h('input', { name: 'industry', value: v.industry || '' })),
    field('Company size', h('input', { name: 'companySize', type: 'number', min: 1, value: v.companySize ?? '' })),
    field('Country', h('input', { name: 'country', maxlength: 2, value: v.country || '', placeholder: 'DE' }), 'Two-letter code'),
    field('Source', select('source', SOURCES, v.source || 'WEBSITE')),
    field('Tags', h('input', { name: 'tags', value: (v.tags || []).join(', ') }), 'Comma-separated'),
    h('div', { class: 'dialog-actions' },
      h('button', { type: 'submit', class: 'primary' }, lead ? 'Save changes' : 'Create lead')));
  const d = dialog(lead ? `Edit ${v.name}` : 'New lead', form);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const values = formValues(form);
    const body = { ...values };
    if (body.companySize) body.companySize = Number(body.companySize);
    body.tags = values.tags ? values.tags.split(',').map((t) => t.trim()).filter(Boolean) : [];
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const saved = lead
        ? await session.request('PATCH', `/leads/${encodeURIComponent(lead.id)}`, body)
        : await session.post('/leads', body);
      d.close();
      toast(lead ? 'Lead saved.' : `Lead ${saved && saved.name ? saved.name : ''} created.`);
      done(saved);
    } catch (err) {
      showFormError(form, err);
      button.disabled = false;
    }
  });
}

/** CSV import: upload, a progress bar while the job runs, then the per-row error report. */
export function importLeads(session, done) {
  const file = h('input', { name: 'file', type: 'file', accept: '.csv,text/csv' });
  const text = h('textarea', { name: 'csv', rows: 6, spellcheck: 'false', placeholder: 'name,email,company,source\nAda Lovelace,ada@example.com,Analytical,WEBSITE' });
  const progress = h('progress', { max: 1, value: 0, hidden: true, 'aria-label': 'Import progress' });
  const progressText = h('p', { class: 'progress-text', role: 'status', 'aria-live': 'polite' });
  const report = h('div', { class: 'import-report' });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Import');
  const form = h('form', { class: 'import-form' },
    h('p', {}, 'A header row names the columns: name, email, company, jobTitle, phone, industry, companySize, country, source, tags.'),
    field('CSV file', file),
    field('…or paste CSV', text),
    h('div', { class: 'dialog-actions' }, button), progress, progressText, report);
  const d = dialog('Import leads', form);
  d.classList.add('wide');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = file.files[0] ? await file.files[0].text() : text.value;
    if (!body.trim()) {
      showFormError(form, new Error('Choose a CSV file or paste CSV text.'));
      return;
    }
    showFormError(form, null);
    button.disabled = true;
    fill(report);
    progress.hidden = false;
    progress.removeAttribute('value');
    progressText.textContent = 'Uploading…';
    try {
      let job = await session.post('/leads/import', body, { contentType: 'text/csv' });
      while (!isFinished(job)) {
        showProgress(job);
        await new Promise((r) => setTimeout(r, 400));
        job = await session.get(`/imports/${encodeURIComponent(job.id)}`);
      }
      showProgress(job);
      fill(report, importReport(job));
      done();
    } catch (err) {
      progress.hidden = true;
      progressText.textContent = '';
      showFormError(form, err);
    } finally {
      button.disabled = false;
    }
  });

  function showProgress(job) {
    const total = Number(job.total || 0);
    const processed = Number(job.processed || 0);
    if (total > 0) {
      progress.max = total;
      progress.value = Math.min(processed, total);
    }
    progressText.textContent = `${isFinished(job) ? 'Finished' : 'Importing'}: ${formatNumber(processed)} of ${total ? formatNumber(total) : '?'} rows`;
  }
}

function isFinished(job) {
  return job.state === 'COMPLETED' || job.state === 'FAILED';
}

function importReport(job) {
  if (job.state === 'FAILED') {
    return h('p', { class: 'form-error', role: 'alert' }, `The import failed: ${job.failureMessage || job.failureCode || 'no reason given'}. No leads from this file were kept.`);
  }
  const errors = job.errors || [];
  return h('section', { class: 'report', 'aria-label': 'Import result' },
    h('p', { class: errors.length ? 'warn' : 'ok' },
      `${formatNumber(job.imported)} imported, ${formatNumber(job.rejected)} rejected of ${formatNumber(job.total)} rows.`),
    errors.length === 0 ? null : h('table', { class: 'data row-errors' },
      h('caption', {}, 'Rows with errors'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Row'), h('th', { scope: 'col' }, 'Line'), h('th', { scope: 'col' }, 'Problem'))),
      h('tbody', {}, errors.map((row) => h('tr', {},
        h('td', { 'data-label': 'Row' }, row.row ?? '—'),
        h('td', { 'data-label': 'Line' }, row.line ?? '—'),
        h('td', { 'data-label': 'Problem' }, (row.errors || []).map((e) => h('div', {}, typeof e === 'string' ? e : `${e.field}: ${e.message || e.code}`))))))));
}

/**
 * One lead: fields, status change, score with its explanation bar, score history and activities. Live
 * events about the lead refresh the data sections only, so a half-filled form is never lost.
 */
export function renderLead({ main, session, events, params, navigate }) {
  const [id] = params;
  const path = `/leads/${encodeURIComponent(id)}`;
  let lead = null;

  const header = h('div');
  const badgeBox = h('p');
  const detailsBox = h('dl', { class: 'details' });
  const scoreBox = h('section', { class: 'card score-card', 'aria-labelledby': 'lead-score' });
  const activitiesBox = h('div');
  const historyBox = h('div');

  const statusSelect = select('status', STATUSES, 'NEW');
  const statusForm = h('form', { class: 'inline-form' },
    field('Status', statusSelect),
    h('button', { type: 'submit' }, 'Change status'));
  statusForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const status = statusSelect.value;
    try {
      await session.post(`${path}/status`, { status });
      showFormError(statusForm, null);
      toast(`Status changed to ${humanize(status)}.`);
      load();
    } catch (err) {
      showFormError(statusForm, err);
    }
  });
  const activityForm = h('form', { class: 'inline-form' },
    field('Activity', select('type', ACTIVITIES, 'NOTE')),
    field('Detail', h('input', { name: 'detail', placeholder: 'What happened' })),
    h('button', { type: 'submit' }, 'Add activity'));
  activityForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await session.post(`${path}/activities`, formValues(activityForm));
      activityForm.elements.detail.value = '';
      showFormError(activityForm, null);
      toast('Activity added.');
      load();
    } catch (err) {
      showFormError(activityForm, err);
    }
  });
  const deleteButton = h('button', { type: 'button', class: 'danger', onclick: async () => {
    if (!confirm(`Delete ${lead.name}? This cannot be undone.`)) return;
    try {
      await session.request('DELETE', path);
      toast('Lead deleted.');
      navigate('/leads');
    } catch (err) {
      toast(describe(err), 'error');
    }
  } }, 'Delete');
  const editButton = h('button', { type: 'button', onclick: () => editLead(session, lead, load) }, 'Edit');

  async function load() {
    try {
      const [l, score, activities, changes] = await Promise.all([
        session.get(path),
        session.get(`${path}/score`).catch((e) => ({ failed: e })),
        session.get(`${path}/activities`).catch((e) => ({ failed: e })),
        session.get(`${path}/status`).catch(() => []),
      ]);
      const first = lead === null;
      lead = l;
      if (first) {
        statusSelect.value = l.status;
        fill(main,
          h('p', { class: 'crumbs' }, h('a', { href: '#/leads' }, '← Leads')),
          header,
          h('div', { class: 'lead-grid' },
            h('section', { class: 'card', 'aria-labelledby': 'lead-details' }, h('h2', { id: 'lead-details' }, 'Details'),
              badgeBox, detailsBox, statusForm),
            scoreBox),
          h('section', { class: 'card', 'aria-labelledby': 'lead-activities' }, h('h2', { id: 'lead-activities' }, 'Activities'),
            activitiesBox, activityForm),
          historyBox);
      }
      fill(header, pageHeader(l.name || l.email, editButton, deleteButton));
      fill(badgeBox, badge(l.status), ' ', badge(l.priority));
      const details = [['E-mail', l.email], ['Company', l.company], ['Job title', l.jobTitle], ['Phone', l.phone], ['Industry', l.industry],
        ['Company size', l.companySize], ['Country', l.country], ['Source', humanize(l.source)], ['Owner', l.owner], ['Tags', (l.tags || []).join(', ')],
        ['Created', formatDate(l.createdAt)], ['Updated', formatDate(l.updatedAt)]];
      fill(detailsBox, details.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))]));
      fill(scoreBox, scoreSection(l, score));
      fill(activitiesBox, activityList(activities));
      fill(historyBox, statusHistory(changes));
    } catch (err) {
      if (err.sessionEnded) return;
      lead = null;
      fill(main, pageHeader('Lead'), err.status === 404 ? empty('This lead does not exist, or it was deleted.', h('a', { href: '#/leads' }, 'Back to leads')) : failure(err, load));
    }
  }

  fill(main, loading('Loading the lead'));
  load();
  let pending = null;
  const unsubscribe = events.subscribe((e) => {
    if (isAbout(e, 'lead') && lead && subjectOf(e) === lead.id) {
      clearTimeout(pending);
      pending = setTimeout(load, 200);
    }
  });
  return () => {
    unsubscribe();
    clearTimeout(pending);
  };
}

function scoreSection(l, score) {
  const title = h('h2', { id: 'lead-score' }, 'Score');
  if (score && score.failed) return [title, failure(score.failed)];
  const history = score.history || [];
  return [
    title,
    h('p', { class: 'score-big' }, h('span', { class: 'visually-hidden' }, 'Score '), score.score ?? l.score ?? '—', h('small', {}, ' / 100')),
    score.scoredBy ? h('p', { class: 'hint' }, `Scored by ${score.scoredBy}`) : null,
    contributionBar(score.explanation || l.explanation || []),
    history.length > 1
      ? lineChart('Score history', history.map((e) => ({ key: new Date(e.at).toLocaleDateString(), count: e.newScore })))
      : null,
    history.length === 0 ? h('p', { class: 'hint' }, 'No score changes yet.') : h('table', { class: 'data history' },
      h('caption', {}, 'Score changes'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'When'), h('th', { scope: 'col' }, 'Score'), h('th', { scope: 'col' }, 'Change'), h('th', { scope: 'col' }, 'Cause'))),
      h('tbody', {}, history.slice().reverse().map((e) => h('tr', {},
        h('td', { 'data-label': 'When' }, formatDate(e.at)),
        h('td', { 'data-label': 'Score', class: 'num' }, e.newScore),
        h('td', { 'data-label': 'Change', class: 'num' }, e.delta > 0 ? `+${e.delta}` : String(e.delta)),
        h('td', { 'data-label': 'Cause' }, e.cause))))),
  ];
}

function activityList(activities) {
  if (activities && activities.failed) return failure(activities.failed);
  if (activities.length === 0) return h('p', { class: 'state empty' }, 'No activities yet.');
  return h('ol', { class: 'timeline' }, activities.slice().reverse().map((a) => h('li', {},
    h('time', { datetime: a.at }, formatDate(a.at)), ' ', h('strong', {}, humanize(a.type)), a.detail ? ` — ${a.detail}` : '')));
}

function statusHistory(changes) {
  if (!Array.isArray(changes) || !changes.length) return null;
  return h('section', { class: 'card', 'aria-labelledby': 'lead-status-history' }, h('h2', { id: 'lead-status-history' }, 'Status history'),
    h('ol', { class: 'timeline' }, changes.map((c) => h('li', {},
      h('time', { datetime: c.at }, formatDate(c.at)), ' ', c.from ? `${humanize(c.from)} → ` : '', h('strong', {}, humanize(c.to)), c.by ? ` by ${c.by}` : ''))));
}
