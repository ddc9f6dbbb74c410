import { h, field, fill, describe } from '../ui.js';

const MESSAGES = {
  'auth.invalid_credentials': 'The tenant, e-mail or password is wrong.',
  'auth.too_many_attempts': 'Too many attempts. Wait a minute and try again.',
};

/** Tenant slug, e-mail and password; on success the app takes over. */
export function renderLogin({ main, session, reason, onLoggedIn }) {
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Log in');
  const form = h('form', { class: 'login-form', novalidate: true },
    h('h1', {}, 'Log in to Bizo'),
    reason ? h('p', { class: 'notice', role: 'status' }, reason) : null,
    error,
    field('Tenant', h('input', { name: 'slug', autocomplete: 'organization', required: true, autocapitalize: 'none', spellcheck: 'false' }), 'The short name your workspace signed up with'),
    field('E-mail', h('input', { name: 'email', type: 'email', autocomplete: 'username', required: true })),
    field('Password', h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const slug = form.elements.slug.value.trim();
    const email = form.elements.email.value.trim();
    const password = form.elements.password.value;
    const missing = [['slug', slug], ['email', email], ['password', password]].filter(([, v]) => !v).map(([k]) => k);
    for (const name of ['slug', 'email', 'password']) {
      form.elements[name].toggleAttribute('aria-invalid', missing.includes(name));
    }
    if (missing.length) {
      error.hidden = false;
      error.textContent = 'Fill in the tenant, e-mail and password.';
      form.elements[missing[0]].focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Logging in…';
    error.hidden = true;
    try {
      await session.login(slug, email, password);
      onLoggedIn();
    } catch (err) {
      error.hidden = false;
      error.textContent = MESSAGES[err.code] || describe(err);
      form.elements.password.value = '';
      form.elements.password.focus();
      submit.disabled = false;
      submit.textContent = 'Log in';
    }
  });
  fill(main, h('section', { class: 'login' }, form));
  form.elements.slug.focus();
  return null;
}
