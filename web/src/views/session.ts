// Who is logged in, shown in the header with a way to log out. Asked only
// once this tab has logged in, so a server without accounts is never asked.
import { api, ApiError, hasSession, setCsrfToken } from '../api';
import { clear, h } from '../dom';
import { currentPath, navigate } from '../router';

export async function refreshSession(): Promise<void> {
  const slot = document.getElementById('session');
  if (!slot) return;
  clear(slot);
  if (!hasSession()) return;
  try {
    const me = await api.me();
    const out = h('button', { type: 'button', class: 'btn btn-small btn-quiet' }, 'Log out');
    out.addEventListener('click', () => {
      void api.logout().catch(() => undefined).finally(() => {
        setCsrfToken(null);
        clear(slot);
        navigate('/login');
      });
    });
    slot.append(h('span', { class: 'who' }, `${me.username} (${me.role})`), out);
    document.body.classList.toggle('role-patient', me.role === 'patient');
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
  }
}

// Any 401 from the API: go to the login page, then come back.
export function watchSession(): void {
  document.addEventListener('auth-required', () => {
    const here = currentPath();
    if (here.startsWith('/login')) return;
    setCsrfToken(null);
    navigate(`/login?next=${encodeURIComponent(here)}`);
  });
}
