// Small hand-drawn charts. Each one carries its numbers as text too, so it reads without colour or sight.

import { h, humanize, formatNumber } from './ui.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) if (c) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/** Horizontal bars from [{key, count}], labelled with their values. */
export function barChart(title, buckets, options = {}) {
  const max = Math.max(1, ...buckets.map((b) => Number(b.count) || 0));
  const total = buckets.reduce((s, b) => s + (Number(b.count) || 0), 0);
  return h('figure', { class: 'chart bars' },
    h('figcaption', {}, title),
    buckets.length === 0 || total === 0
      ? h('p', { class: 'state empty' }, 'No data yet.')
      : h('ul', { class: 'bar-list' }, buckets.map((b) => {
        const value = Number(b.count) || 0;
        const label = options.label ? options.label(b.key) : humanize(b.key);
        return h('li', {},
          h('span', { class: 'bar-label' }, label),
          h('span', { class: 'bar-track', 'aria-hidden': 'true' },
            h('span', { class: 'bar-fill', style: `width:${(100 * value) / max}%` })),
          h('span', { class: 'bar-value' }, formatNumber(value, 2)));
      })));
}

/** A line over time from [{key: period, count}], with the points listed for screen readers. */
export function lineChart(title, buckets) {
  const figure = h('figure', { class: 'chart line' }, h('figcaption', {}, title));
  if (buckets.length === 0) {
    figure.append(h('p', { class: 'state empty' }, 'No data yet.'));
    return figure;
  }
  const width = 600;
  const height = 200;
  const pad = 28;
  const max = Math.max(1, ...buckets.map((b) => Number(b.count) || 0));
  const step = buckets.length > 1 ? (width - 2 * pad) / (buckets.length - 1) : 0;
  const first = buckets.length > 1 ? pad : width / 2;
  const points = buckets.map((b, i) => [first + i * step, height - pad - ((height - 2 * pad) * (Number(b.count) || 0)) / max]);
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${title}: ${buckets.map((b) => `${b.key} ${b.count}`).join(', ')}` },
    svg('line', { x1: pad, y1: height - pad, x2: width - pad, y2: height - pad, class: 'axis' }),
    svg('polyline', { points: points.map((p) => p.join(',')).join(' '), class: 'series' }),
    ...points.map(([x, y], i) => svg('circle', { cx: x, cy: y, r: 3.5, class: 'point' }, svg('title', {}, `${buckets[i].key}: ${buckets[i].count}`))),
    svg('text', { x: pad, y: height - 6, class: 'tick' }, buckets[0].key),
    svg('text', { x: width - pad, y: height - 6, class: 'tick', 'text-anchor': 'end' }, buckets[buckets.length - 1].key),
    svg('text', { x: pad, y: pad - 6, class: 'tick' }, `max ${formatNumber(max)}`));
  figure.append(chart);
  return figure;
}

/** The funnel: one row per stage with the share reaching the next. stages: [{label, count, rate}]; max scales the bars. */
export function funnelChart(title, stages, max = Math.max(1, ...stages.map((s) => s.count || 0))) {
  return h('figure', { class: 'chart funnel' },
    h('figcaption', {}, title),
    stages.length === 0
      ? h('p', { class: 'state empty' }, 'No data yet.')
      : h('ol', {}, stages.map((s) => h('li', {},
        h('span', { class: 'bar-label' }, s.label),
        h('span', { class: 'funnel-track', 'aria-hidden': 'true' },
          h('span', { class: 'funnel-fill', style: `width:${(100 * (s.count || 0)) / max}%` })),
        h('span', { class: 'bar-value' }, `${formatNumber(s.count)}${s.rate !== undefined && s.rate !== null ? ` · ${formatNumber(100 * s.rate, 1)}%` : ''}`)))));
}

/**
 * A score's explanation as one bar: each contribution a segment as wide as its share of the points,
 * positives and negatives apart, with the list of contributions under it.
 */
export function contributionBar(contributions) {
  const items = (contributions || []).filter((c) => Number(c.points) !== 0);
  const total = items.reduce((s, c) => s + Math.abs(Number(c.points)), 0) || 1;
  const bar = h('div', { class: 'contrib-bar', 'aria-hidden': 'true' },
    items.map((c, i) => h('span', {
      class: `seg ${c.points < 0 ? 'neg' : `pos pos-${i % 6}`}`,
      style: `flex-basis:${(100 * Math.abs(c.points)) / total}%`,
      title: `${c.label}: ${c.points > 0 ? '+' : ''}${c.points}`,
    })));
  return h('figure', { class: 'chart contributions' },
    h('figcaption', {}, 'What makes up the score'),
    items.length === 0 ? h('p', { class: 'state empty' }, 'No contributions recorded.') : bar,
    h('ul', { class: 'contrib-list' }, items.map((c, i) => h('li', {},
      h('span', { class: `swatch ${c.points < 0 ? 'neg' : `pos pos-${i % 6}`}`, 'aria-hidden': 'true' }),
      h('span', {}, c.label),
      h('strong', {}, `${c.points > 0 ? '+' : ''}${c.points}`)))));
}
