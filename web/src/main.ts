// Entry point: styles, routes and the start of the router.
import './styles/base.css';
import './styles/layout.css';
import './styles/roles.css';
import './styles/forms.css';
import './styles/charts.css';
import './styles/checkin.css';
import './styles/questionnaire.css';
import './styles/monitoring.css';
import './styles/print.css';
import { h } from './dom';
import { onRouteError, route, start } from './router';
import { errorBox } from './views/common';
import { checkinView } from './views/checkin';
import { patientFormView } from './views/patient_form';
import { patientListView } from './views/patient_list';
import { patientPageView } from './views/patient_page';
import { loginView } from './views/login';
import { accountsView } from './views/admin_accounts';
import { alertInboxView } from './views/alert_inbox';
import { auditView } from './views/admin_audit';
import { adminOnly, clinicalOnly, homeView, staffOnly } from './views/guards';
import { refreshSession, watchSession } from './views/session';

route('/', homeView(adminOnly(accountsView), clinicalOnly(checkinView), staffOnly(patientListView)));
route('/patients', staffOnly(patientListView));
route('/patients/new', staffOnly(patientFormView));
route('/patients/:id', staffOnly(patientPageView));
route('/checkin/:id', clinicalOnly(checkinView));
route('/alerts', staffOnly(alertInboxView));
route('/admin', adminOnly(accountsView));
route('/audit', adminOnly(auditView));
route('/login', loginView);

onRouteError((main, err) => {
  if (err) {
    main.appendChild(errorBox(err));
  } else {
    main.appendChild(h('div', { class: 'card error-page' }, h('h1', { tabindex: -1 }, 'No such page'),
      h('p', {}, h('a', { href: '#/patients' }, 'Go to the patient list'))));
  }
});

document.querySelector('.skip-link')?.addEventListener('click', () => {
  document.getElementById('main')?.focus();
});

// The main navigation marks the page on screen.
document.addEventListener('view-rendered', (ev) => {
  const shown = (ev as CustomEvent<{ path: string }>).detail.path;
  const home = document.querySelector<HTMLAnchorElement>('a[data-home-link]')?.getAttribute('href')?.replace(/^#/, '');
  const path = shown === '/' ? (document.body.classList.contains('role-admin') ? '/admin' : home ?? '/patients') : shown;
  document.querySelectorAll<HTMLAnchorElement>('.app-nav a').forEach((a) => {
    const target = a.getAttribute('href')?.replace(/^#/, '') ?? '';
    const here = target === path || (target === '/patients' && /^\/patients\/\d+$/.test(path));
    if (here) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
});

// The printed summary shows every regimen version, even where the history is folded.
window.addEventListener('beforeprint', () => {
  document.querySelectorAll<HTMLDetailsElement>('details.history:not([open])').forEach((d) => {
    d.open = true;
    d.dataset.openedForPrint = 'true';
  });
});
window.addEventListener('afterprint', () => {
  document.querySelectorAll<HTMLDetailsElement>('details[data-opened-for-print]').forEach((d) => {
    d.open = false;
    delete d.dataset.openedForPrint;
  });
});

watchSession();
void refreshSession();
start();
