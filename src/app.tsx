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

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'h5') setUnauthenticatedHandler(sendToSignIn);
    if (process.env.TARO_ENV === 'weapp') registerPrivacyListener();
  });
  return children;
}

export default App;
