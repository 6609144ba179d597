/**
 * 9. Content checks in the demo: the local runtime (what `npm start` serves) delivers
 * each photo's wxa_media_check verdict a few seconds after the check starts, through
 * the same push route as production (the `notices` function, SOURCE not a client's).
 * Without it, a notice with a photo would stay 审核中 forever.
 */
import type { Runtime } from '../../scripts/lib/runtime';
import { ask, callAs, LEAD3, RESIDENT3, start } from './support';

let rt: Runtime;
beforeAll(async () => {
  rt = await start(); // the default delivery delay, as npm start runs it
});
afterAll(() => rt.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('9. a notice with a photo publishes within seconds in the local runtime, with no one delivering verdicts by hand', async () => {
  const up = await ask(rt, '/_upload?purpose=notices&ext=jpg', {
    method: 'POST',
    body: Buffer.from('img'),
    headers: { 'content-type': 'image/jpeg', cookie: rt.cookieFor(LEAD3), origin: rt.url },
  });
  const { fileID } = JSON.parse(up.text);
  const posted = await callAs(rt, rt.cookieFor(LEAD3), 'notices', 'notices.post', {
    clientRequestId: `rt-media-${Date.now()}`,
    audience: { kind: 'buildings', buildingIds: ['txsj-b3'] },
    title: '楼道新装的扶手',
    body: '三栋楼道的扶手已经装好，请大家看看照片。',
    category: '通知',
    images: [fileID],
  });
  const n = posted.json().data;
  expect(n).toMatchObject({ status: 'reviewing' });
  let opened: any;
  for (let i = 0; i < 40; i++) {
    opened = (await callAs(rt, rt.cookieFor(RESIDENT3), 'notices', 'notices.open', { noticeId: n.id })).json();
    if (opened.ok) break;
    await sleep(250);
  }
  expect(opened).toMatchObject({ ok: true, data: { status: 'published', images: [{ fileID, url: expect.any(String) }] } });
});
