// Hash routes ("#/patients/3") so any path is served by index.html without
// server rewrites. A view renders into the main element and may return a
// cleanup (charts release their canvases and observers).

export type Cleanup = () => void;
export type View = (params: Record<string, string>, main: HTMLElement) => Promise<Cleanup | void>;

interface Route {
  pattern: RegExp;
  keys: string[];
  view: View;
}

const routes: Route[] = [];
let cleanup: Cleanup | void;
let generation = 0;

export function route(path: string, view: View): void {
  const keys: string[] = [];
  const pattern = new RegExp('^' + path.replace(/:(\w+)/g, (_, k: string) => {
    keys.push(k);
    return '([^/]+)';
  }) + '/?$');
  routes.push({ pattern, keys, view });
}

export function navigate(path: string): void {
  if (location.hash === '#' + path) void render();
  else location.hash = path;
}

export function currentPath(): string {
  return location.hash.replace(/^#/, '') || '/';
}

// The query part of the hash route ("#/patients?q=ad" gives q=ad).
export function currentQuery(): URLSearchParams {
  const path = currentPath();
  const i = path.indexOf('?');
  return new URLSearchParams(i < 0 ? '' : path.slice(i + 1));
}

let lastPath = '';

// Set by main.ts: what to show for an unknown path or a failed view.
let fallback: (main: HTMLElement, err?: unknown) => void = () => undefined;
export function onRouteError(fn: (main: HTMLElement, err?: unknown) => void): void {
  fallback = fn;
}

export async function render(): Promise<void> {
  const main = document.getElementById('main');
  if (!main) return;
  const mine = ++generation;
  if (cleanup) cleanup();
  cleanup = undefined;
  const path = currentPath().split('?')[0];
  const found = routes.find((r) => r.pattern.test(path));
  // Views build into a detached element; only the latest navigation lands.
  const next = document.createElement('div');
  next.className = 'view';
  try {
    if (!found) {
      fallback(next);
    } else {
      const m = found.pattern.exec(path) as RegExpExecArray;
      const params: Record<string, string> = {};
      found.keys.forEach((k, i) => { params[k] = decodeURIComponent(m[i + 1]); });
      const c = await found.view(params, next);
      if (mine !== generation) {
        if (c) c();
        return;
      }
      cleanup = c;
    }
  } catch (err) {
    if (mine !== generation) return;
    next.replaceChildren();
    fallback(next, err);
  }
  main.replaceChildren(next);
  // A new page moves focus to its heading, as a page load would; a refresh
  // of the same page leaves focus and scroll where they were.
  if (path !== lastPath) {
    window.scrollTo(0, 0);
    next.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
  }
  lastPath = path;
  // For tests and tools: which route is on screen, and how many renders so far.
  document.body.dataset.route = currentPath();
  document.body.dataset.renders = String(Number(document.body.dataset.renders ?? 0) + 1);
  document.dispatchEvent(new CustomEvent('view-rendered', { detail: { path } }));
}

export function start(): void {
  window.addEventListener('hashchange', () => { void render(); });
  void render();
}
