import type { PropsWithChildren } from 'react';
import Taro, { useLaunch } from '@tarojs/taro';
import { setUnauthenticatedHandler } from './services/cloud';
import { registerPrivacyListener } from './store/privacy';
import { currentUrl } from './utils/nav';
import { ROUTES } from './routes';
import './app.scss';

let redirecting = false;

/** h5 demo: a signed-out caller goes to 本地演示登录 and comes back afterwards. */
function sendToSignIn(): void {
  const here = currentUrl();
  if (redirecting || (here && here.startsWith(ROUTES.signin))) return;
  redirecting = true;
  const back = here ? `?back=${encodeURIComponent(here)}` : '';
  Taro.navigateTo({ url: ROUTES.signin + back, complete: () => (redirecting = false) });
}

/**
 * h5: Taro's tab bar items are `<a href="javascript:;">` whose click handler switches
 * the tab but lets the browser follow the link, which our CSP (script-src without
 * 'unsafe-inline') refuses with a console error on every tap. Cancel only the link's
 * default action; the tab bar's own handler still runs.
 */
function cancelScriptLinks(): void {
  document.addEventListener(
    'click',
    (e) => {
      const a = (e.target as Element | null)?.closest?.('a[href^="javascript:"]');
      if (a) e.preventDefault();
    },
    true,
  );
}

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'h5') {
      setUnauthenticatedHandler(sendToSignIn);
      cancelScriptLinks();
    }
    if (process.env.TARO_ENV === 'weapp') registerPrivacyListener();
  });
  return children;
}

export default App;
