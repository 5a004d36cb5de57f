// Pages by role: administrators manage accounts and read the audit log but no
// clinical record; the clinical pages are not theirs, the admin pages are no
// one else's; a patient has their own check-in, never the staff pages. The
// API refuses the same; this spares a useless request and an error page.
import { h } from '../dom';
import type { View } from '../router';
import { pageTitle } from './common';
import { currentUser, homeOf } from './session';

function notice(main: HTMLElement, title: string, text: string, link: [string, string]): void {
  main.append(h('div', { class: 'card error-page', 'data-notice': 'role' },
    pageTitle(title), h('p', {}, text), h('p', {}, h('a', { href: link[0] }, link[1]))));
}

export function clinicalOnly(view: View): View {
  return async (params, main) => {
    const user = await currentUser();
    if (user?.role === 'admin') {
      notice(main, 'Not for administrator accounts',
        'An administrator account manages accounts and reads the audit log; it does not read clinical records.',
        ['#/admin', 'Go to the accounts']);
      return;
    }
    return view(params, main);
  };
}

// The clinic's own pages (patient list, records, alert inbox): not a patient's.
export function staffOnly(view: View): View {
  return clinicalOnly(async (params, main) => {
    const user = await currentUser();
    if (user?.role === 'patient') {
      notice(main, 'This page is for the clinic’s staff',
        'Your own doses, sleep and questionnaires are on your check-in page.',
        ['#' + homeOf(user), 'Go to your check-in']);
      return;
    }
    return view(params, main);
  });
}

export function adminOnly(view: View): View {
  return async (params, main) => {
    const user = await currentUser();
    // Without a session the API answers 401 and the app asks for a login.
    if (user && user.role !== 'admin') {
      notice(main, 'For administrators only',
        'Accounts and the audit log are managed by the clinic’s administrators.',
        [user.role === 'patient' && user.patient_id ? `#/checkin/${user.patient_id}` : '#/patients',
          user.role === 'patient' ? 'Go to your check-in' : 'Go to the patient list']);
      return;
    }
    return view(params, main);
  };
}

// "/": the accounts for an administrator, a patient's own check-in, the
// patient list for a clinician.
export function homeView(admin: View, patient: View, clinician: View): View {
  return async (params, main) => {
    const user = await currentUser();
    if (user?.role === 'admin') return admin(params, main);
    if (user?.role === 'patient' && user.patient_id) {
      return patient({ ...params, id: String(user.patient_id) }, main);
    }
    return clinician(params, main);
  };
}
