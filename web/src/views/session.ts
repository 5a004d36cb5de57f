// Who is logged in, shown in the header with a way to log out. Asked only
// once this tab has logged in, so a server without accounts is never asked.
import { api, ApiError, hasSession, type Me, setCsrfToken } from '../api';
import { clear, h } from '../dom';
import { currentPath, navigate } from '../router';

const ROLES = ['admin', 'clinician', 'patient'];

// One /auth/me per login, shared by the header and the views that depend on
// the role (an administrator's landing page, the admin-only pages).
let me: Promise<Me | null> | null = null;

export function currentUser(): Promise<Me | null> {
  if (!hasSession()) return Promise.resolve(null);
  if (!me) {
    me = api.me().catch((e: unknown) => {
      me = null;
      if (e instanceof ApiError) return null;
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

function setRole(role: string | null): void {
  for (const r of ROLES) document.body.classList.toggle(`role-${r}`, r === role);
}

export async function refreshSession(): Promise<void> {
  const slot = document.getElementById('session');
  if (!slot) return;
  clear(slot);
  forgetUser();
  if (!hasSession()) {
    setRole(null);
    return;
  }
  const user = await currentUser();
  if (!user) return;
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
  slot.append(h('span', { class: 'who' }, `${user.username} (${user.role})`), out);
  setRole(user.role);
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
