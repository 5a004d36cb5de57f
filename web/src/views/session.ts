// Who is logged in, learnt from the server when the app loads (in any tab:
// the session is the cookie), shown in the header with a way to log out.
import { api, type Me, setCsrfToken } from '../api';
import { clear, h } from '../dom';
import { currentPath, navigate } from '../router';

const ROLES = ['admin', 'clinician', 'patient'];

// One /auth/session per load or login, shared by the header and the views that
// depend on the role. It also hands this tab the session's CSRF token, so a
// new tab, a bookmark or a restarted browser can save.
let me: Promise<Me | null> | null = null;

export function currentUser(): Promise<Me | null> {
  if (!me) {
    me = api.session().then(({ user }) => {
      setCsrfToken(user?.csrf_token ?? null);
      return user;
    }, (e: unknown) => {
      me = null;
      throw e;
    });
  }
  return me;
}

export function forgetUser(): void {
  me = null;
}

// Where a role starts after logging in.
export function homeOf(user: { role: string; patient_id: number | null } | null): string {
  if (user?.role === 'admin') return '/admin';
  if (user?.role === 'patient' && user.patient_id) return `/checkin/${user.patient_id}`;
  return '/patients';
}

function setRole(user: Me | null): void {
  for (const r of ROLES) document.body.classList.toggle(`role-${r}`, r === user?.role);
  // The patient's own links lead to their own check-in.
  document.querySelectorAll<HTMLAnchorElement>('a[data-home-link]').forEach((a) => {
    a.href = '#' + homeOf(user);
  });
}

function logOutButton(slot: HTMLElement): HTMLButtonElement {
  const out = h('button', { type: 'button', class: 'btn btn-small btn-quiet' }, 'Log out');
  out.addEventListener('click', () => {
    void api.logout().catch(() => undefined).finally(() => {
      setCsrfToken(null);
      forgetUser();
      setRole(null);
      clear(slot);
      navigate('/login');
    });
  });
  return out;
}

export async function refreshSession(): Promise<void> {
  const slot = document.getElementById('session');
  if (!slot) return;
  forgetUser();
  let user: Me | null = null;
  try {
    user = await currentUser();
  } catch {
    user = null;  // the server could not be reached; the view says so
  }
  clear(slot);
  setRole(user);
  document.body.dataset.session = user ? user.role : 'none';
  if (!user) return;
  slot.append(h('span', { class: 'who' }, `${user.username} (${user.role})`), logOutButton(slot));
}

// Any 401 from the API: go to the login page, then come back.
export function watchSession(): void {
  document.addEventListener('auth-required', () => {
    const here = currentPath();
    if (here.startsWith('/login')) return;
    setCsrfToken(null);
    forgetUser();
    navigate(`/login?next=${encodeURIComponent(here)}`);
  });
}
