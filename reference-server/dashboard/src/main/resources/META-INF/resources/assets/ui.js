// DOM building and the shared empty/loading/error states. Text always goes in as text nodes, never as HTML.

/**
 * Builds an element: h('button', {type: 'button', onclick: f}, 'Save').
 * Attributes starting with "on" become listeners; false/null attributes are left out.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      el.className = value;
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key in el && typeof value !== 'string') {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything inside el. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let uid = 0;
/** A unique id for label/input pairs. */
export function nextId(prefix = 'f') {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** A labelled form control: field('Email', h('input', {name: 'email'})). */
export function field(label, control, hint) {
  const id = control.id || nextId(control.name || 'f');
  control.id = id;
  const hintEl = hint ? h('small', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hintEl);
}

/** A select whose options are [value, label] pairs or plain values. */
export function select(name, options, value) {
  return h('select', { name },
    options.map((o) => {
      const [v, l] = Array.isArray(o) ? o : [o, humanize(o)];
      return h('option', { value: v, selected: v === value }, l);
    }));
}

export function loading(what = 'Loading') {
  return h('p', { class: 'state loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), `${what}…`);
}

export function empty(message, action) {
  return h('div', { class: 'state empty' }, h('p', {}, message), action || null);
}

/** An error state; with retry, a button to try again. */
export function failure(error, retry) {
  return h('div', { class: 'state error', role: 'alert' },
    h('p', {}, h('strong', {}, 'Something went wrong. '), describe(error)),
    retry ? h('button', { type: 'button', onclick: retry }, 'Try again') : null);
}

/** A human sentence for an ApiError or any other error. */
export function describe(error) {
  if (!error) return '';
  if (error.problem) {
    const p = error.problem;
    const fields = (p.errors || []).map((e) => `${e.field}: ${e.message}`).join('; ');
    return [p.detail || p.title || error.message, fields].filter(Boolean).join(' — ') + (p.code ? ` (${p.code})` : '');
  }
  return error.message || String(error);
}

/**
 * Runs load() and shows loading, then render(result) or an error with retry, inside target.
 * Returns the promise of the result (undefined on failure).
 */
export async function withStates(target, load, render, what) {
  fill(target, loading(what));
  try {
    const result = await load();
    fill(target, render(result));
    return result;
  } catch (error) {
    if (error && error.sessionEnded) return undefined;
    fill(target, failure(error, () => withStates(target, load, render, what)));
    return undefined;
  }
}

/** Shows per-field problems next to their inputs and a summary at the top of the form. */
export function showFormError(form, error) {
  form.querySelectorAll('.field-error').forEach((e) => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  let summary = form.querySelector('.form-error');
  if (!summary) {
    summary = h('p', { class: 'form-error', role: 'alert' });
    form.prepend(summary);
  }
  if (!error) {
    summary.remove();
    return;
  }
  summary.textContent = describe(error);
  for (const fe of (error.problem && error.problem.errors) || []) {
    const input = form.elements.namedItem(fe.field);
    if (input && input.setAttribute) {
      input.setAttribute('aria-invalid', 'true');
      const note = h('small', { class: 'field-error', id: nextId('err') }, fe.message);
      input.setAttribute('aria-describedby', note.id);
      input.after(note);
    }
  }
}

/** A short message in the corner, read out by screen readers. */
export function toast(message, kind = 'info') {
  const box = document.querySelector('.toasts');
  const item = h('p', { class: `toast ${kind}` }, message);
  box.append(item);
  setTimeout(() => item.remove(), 5000);
}

export function humanize(text) {
  if (text === null || text === undefined) return '';
  const s = String(text).replace(/[_.-]+/g, ' ').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function formatDate(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString();
}

/** A MoneyView {minorUnits, currency, amount} or minor units plus currency. */
export function formatMoney(money, currency) {
  if (money === null || money === undefined) return '—';
  if (typeof money === 'object') {
    const digits = money.amount && money.amount.includes('.') ? money.amount.split('.')[1].length : 0;
    const value = money.amount !== undefined ? Number(money.amount) : money.minorUnits / 10 ** digits;
    return formatAmount(value, money.currency);
  }
  return formatAmount(money / 100, currency);
}

function formatAmount(value, currency) {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value);
  } catch (e) {
    return `${value} ${currency}`;
  }
}

export function formatNumber(n, digits = 0) {
  if (n === null || n === undefined || Number.isNaN(Number(n))) return '—';
  return Number(n).toLocaleString(undefined, { maximumFractionDigits: digits });
}

/** A status pill; the text carries the meaning, the colour only repeats it. */
export function badge(status) {
  const s = String(status || 'unknown');
  return h('span', { class: `badge badge-${s.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` }, humanize(s));
}

/** Reads a form into a plain object of trimmed, non-empty strings. */
export function formValues(form) {
  const out = {};
  for (const [k, v] of new FormData(form).entries()) {
    if (typeof v === 'string' && v.trim() !== '') out[k] = v.trim();
  }
  return out;
}

/** A page heading and its actions. */
export function pageHeader(title, ...actions) {
  return h('div', { class: 'page-header' }, h('h1', {}, title), h('div', { class: 'actions' }, actions));
}

/** A modal dialog built on <dialog>; resolves when closed. */
export function dialog(title, body) {
  const closeButton = h('button', { type: 'button', class: 'icon', 'aria-label': 'Close' }, '×');
  const d = h('dialog', { 'aria-labelledby': nextId('dlg') },
    h('div', { class: 'dialog-head' }, h('h2', {}, title), closeButton), body);
  d.querySelector('h2').id = d.getAttribute('aria-labelledby');
  closeButton.addEventListener('click', () => d.close());
  d.addEventListener('close', () => d.remove());
  document.body.append(d);
  d.showModal();
  return d;
}
