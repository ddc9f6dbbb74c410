import { h, fill, field, select, humanize, withStates, pageHeader, formValues } from '../ui.js';
import { query } from '../session.js';
import { barChart, lineChart, funnelChart } from '../charts.js';

function bucketsOf(report) {
  return report.buckets || [];
}

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

/** Lead counts by status, source, score band and over time, and the funnel. */
export function renderAnalytics({ main, session, query: params, navigate }) {
  const today = new Date();
  const monthAgo = new Date(today.getTime() - 30 * 86400000);
  const from = params.get('from') || isoDay(monthAgo);
  const to = params.get('to') || isoDay(today);
  const period = params.get('period') || 'DAY';

  const form = h('form', { class: 'filters', 'aria-label': 'Report period' },
    field('From', h('input', { name: 'from', type: 'date', value: from })),
    field('To', h('input', { name: 'to', type: 'date', value: to })),
    field('Over time by', select('period', [['DAY', 'Day'], ['WEEK', 'Week'], ['MONTH', 'Month']], period)),
    h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'primary' }, 'Show')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    navigate('/analytics', formValues(form));
  });

  const range = { from: `${from}T00:00:00Z`, to: `${to}T23:59:59Z` };
  const reports = new Map();
  // One request per grouping, shared by the panels drawn from it (the funnel rides along with any report).
  const report = (groupBy) => {
    if (!reports.has(groupBy)) {
      const pending = session.get(`/analytics/leads${query({ ...range, groupBy })}`);
      pending.catch(() => reports.delete(groupBy));
      reports.set(groupBy, pending);
    }
    return reports.get(groupBy);
  };
  const panel = (title, groupBy, draw, wide) => {
    const box = h('div', { class: wide ? 'chart-box wide' : 'chart-box' });
    withStates(box, () => report(groupBy), (data) => draw(title, data), `Loading ${title.toLowerCase()}`);
    return box;
  };

  fill(main,
    pageHeader('Analytics'),
    form,
    h('div', { class: 'chart-grid' },
      panel('Leads by status', 'STATUS', (t, d) => barChart(t, bucketsOf(d))),
      panel('Leads by source', 'SOURCE', (t, d) => barChart(t, bucketsOf(d))),
      panel('Leads by score band', 'SCORE_BAND', (t, d) => barChart(t, bucketsOf(d), { label: (k) => k })),
      panel(`New leads per ${period.toLowerCase()}`, period, (t, d) => lineChart(t, bucketsOf(d))),
      panel('Funnel: share of leads moving on from each stage', 'STATUS', (t, d) => funnelView(t, d), true)));
  return null;
}

/**
 * The funnel: the report's conversion rates per stage move ("NEW->CONTACTED": 0.5), drawn as the share of
 * leads that went on from each stage, with the win rate by source under it.
 */
function funnelView(title, report) {
  const stages = Object.entries(report.funnel || {}).map(([move, rate]) => {
    const [from, to] = move.split('->');
    return { label: `${humanize(from)} → ${humanize(to)}`, count: Math.round(rate * 1000) / 10, rate: null };
  });
  const winRates = report.winRateBySource || {};
  return h('div', {},
    funnelChart(`${title} (%)`, stages, 100),
    Object.keys(winRates).length
      ? barChart('Win rate by source (%)', Object.entries(winRates).map(([key, rate]) => ({ key, count: Math.round(rate * 1000) / 10 })))
      : null);
}
