/*
 * nginx-cookie-consent: the banner in a real headless Chromium.
 *
 *   node t/browser/banner.mjs PORT
 *
 * Run by t/15-browser.t, which starts nginx with the module on
 * 127.0.0.1:PORT in front of a backend that sets analytics and marketing
 * cookies and serves a page with the GA4 gtag.js snippet, a Meta Pixel
 * <img> in <noscript> and a YouTube <iframe>.
 *
 * Every request the browser makes goes through a route: requests to
 * 127.0.0.1 continue, anything else is recorded and aborted (no network
 * is ever used).  Each check prints one JSON line,
 * {"ok":true|false,"name":"...","diag":"..."}, which the .t file turns
 * into TAP; lines that are not JSON are diagnostics.
 *
 * Environment: CC_CHROMIUM, the browser (default /usr/bin/chromium);
 * CC_BROWSER_ONLY, a comma-separated list of the scenarios to run
 * (undecided, rejectAll, saveAnalytics, noScript, allowEmbed, csp,
 * revalidate,
 * prefsPage).
 */

import fs, { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const port = process.argv[2];
const base = `http://127.0.0.1:${port}`;
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'),
  'utf8');

// cookies no analytics or marketing category was granted for
const TRACKER_COOKIE = /^(_ga|_gid|_gat|_gcl_|_fbp|_fbc|_hj|IDE$|fr$)/;
const GTAG = 'https://www.googletagmanager.com/gtag/js';

let failed = 0;

const check = (ok, name, diag) => {
  if (!ok) {
    failed++;
  }
  const r = { ok: !!ok, name };
  if (!ok && diag !== undefined) {
    r.diag = typeof diag === 'string' ? diag : JSON.stringify(diag, null, 1);
  }
  console.log(JSON.stringify(r));
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// true as soon as f() is, false after ms
const until = async (f, ms = 5000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await f()) {
      return true;
    }
    await sleep(50);
  }
  return !!(await f());
};

// a browser context whose every non-local request is recorded and aborted
const newContext = async (browser, options = {}) => {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(10000);
  context.external = [];
  context.local = [];
  context.posts = [];
  await context.route('**/*', (route) => {
    const req = route.request();
    const u = new URL(req.url());
    if (u.hostname === '127.0.0.1') {
      context.local.push(u.pathname);
      if (req.method() === 'POST') {
        context.posts.push({ url: req.url(),
          type: req.headers()['content-type'] || '' });
      }
      return route.continue();
    }
    context.external.push(req.url());
    return route.abort('blockedbyclient');
  });
  return context;
};

const cookies = async (context) => context.cookies(base);

const trackerCookies = async (context) =>
  (await cookies(context)).map((c) => c.name)
    .filter((n) => TRACKER_COOKIE.test(n));

// the granted categories in the consent cookie, or null
const consent = async (context) => {
  const c = (await cookies(context)).find((k) => k.name === 'consent');
  return c ? c.value.split('.')[4] : null;
};

// axe-core on a part of the page (a CSS selector) or all of it
const axe = async (page, include) => {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ content: axeSource });
  }
  return page.evaluate(async (sel) => {
    const r = await window.axe.run(sel ? { include: [sel] } : document,
      { resultTypes: ['violations'] });
    return {
      passes: r.passes.length,
      violations: r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => n.target.join(' ') + ': '
          + n.failureSummary)
      }))
    };
  }, include || null);
};

// no violation, and rules that did apply (not an empty selection)
const axeCheck = async (page, include, name) => {
  const r = await axe(page, include);
  check(r.violations.length === 0 && r.passes > 0,
    `axe: 0 violations, ${name} (${r.passes} rules passed)`,
    r.violations.length ? r.violations : `only ${r.passes} rules applied`);
};

const gtagConsent = (page) => page.evaluate(() =>
  (window.dataLayer || []).map((a) => Array.from(a))
    .filter((a) => a[0] === 'consent'));

const banner = (page) => page.locator('#ccm-banner');
const reopen = (page) => page.locator('#ccm-reopen');

// a decided visitor's control is appended after </html>: the browser puts
// it at the end of <body>, where only scripts may follow it
const reopenAtEnd = (page) => page.evaluate(() => {
  const a = document.getElementById('ccm-reopen');
  let e;

  if (!a || a.parentElement !== document.body) {
    return false;
  }
  for (e = a.nextElementSibling; e; e = e.nextElementSibling) {
    if (e.tagName !== 'SCRIPT') {
      return false;
    }
  }
  return true;
});
const button = (page, action) =>
  page.locator(`#ccm-banner .ccm-btn[value=${action}]`);


/* a. an undecided visit */

async function undecided(browser) {
  const context = await newContext(browser);
  const page = await context.newPage();

  const res = await page.goto(base + '/', { waitUntil: 'load' });
  check(res && res.status() === 200, 'a: the page loads');

  const region = page.getByRole('region', { name: 'Cookies on this site' });
  check(await region.isVisible(), 'a: banner visible, a region labelled '
    + '"Cookies on this site"');
  // after its slide-in
  await page.waitForFunction(() => document.getAnimations()
    .every((a) => a.playState === 'finished'));
  check(await banner(page).evaluate((e) =>
    e.getBoundingClientRect().bottom <= window.innerHeight + 1
    && getComputedStyle(e).position === 'fixed'),
  'a: banner fixed at the bottom of the viewport');

  for (const [action, text] of [['accept_all', 'Accept all'],
    ['reject_all', 'Reject all'], ['save', 'Settings']]) {
    const b = button(page, action);
    check(await b.isVisible() && (await b.textContent()) === text,
      `a: "${text}" button`, await b.count() ? await b.textContent() : '');
  }

  const sizes = await page.$$eval('#ccm-banner .ccm-btn', (bs) =>
    bs.map((b) => {
      const r = b.getBoundingClientRect();
      const s = getComputedStyle(b);
      return [Math.round(r.height), s.backgroundColor, s.color,
        s.fontSize].join(' ');
    }));
  check(sizes.length === 3 && new Set(sizes).size === 1,
    'a: the three buttons look the same', sizes);

  check(!(await page.locator('#ccm-cats').isVisible()),
    'a: categories folded behind Settings');
  check(await reopen(page).isHidden(), 'a: no "Cookie settings" yet');

  await page.keyboard.press('Tab');
  check(await page.evaluate(() =>
    document.getElementById('ccm-banner').contains(document.activeElement)),
  'a: first Tab goes into the banner');

  await sleep(300);
  check(context.external.length === 0, 'a: nothing non-local requested',
    context.external);
  check((await trackerCookies(context)).length === 0,
    'a: no analytics or marketing cookie', await trackerCookies(context));
  check((await cookies(context)).some((c) => c.name === 'PHPSESSID'),
    'a: the necessary session cookie is set');
  check(await consent(context) === null, 'a: no consent cookie');

  await axeCheck(page, '#ccm-banner', 'banner, first layer');

  await button(page, 'save').click();
  check(await page.locator('#ccm-cats').isVisible(),
    'a: Settings unfolds the categories');
  await axeCheck(page, '#ccm-banner', 'banner, settings unfolded');

  await context.close();
}


/* b. Reject all, with JavaScript */

async function rejectAll(browser) {
  const context = await newContext(browser);
  const page = await context.newPage();
  let navigations = 0;

  await page.goto(base + '/', { waitUntil: 'load' });
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) {
      navigations++;
    }
  });

  await button(page, 'reject_all').click();

  check(await until(async () => await banner(page).isHidden()),
    'b: banner gone after Reject all');
  check(await reopen(page).isVisible()
    && (await reopen(page).textContent()) === 'Cookie settings',
  'b: "Cookie settings" control shown');
  check(await page.evaluate(() =>
    document.activeElement && document.activeElement.id === 'ccm-reopen'),
  'b: focus on "Cookie settings"');
  check(navigations === 0, 'b: no reload');
  check(context.posts.length === 1
    && /^application\/json/.test(context.posts[0].type),
  'b: one JSON POST to the endpoint', context.posts);
  check(await consent(context) === 'necessary',
    'b: consent cookie: necessary only', await consent(context));

  const dl = await gtagConsent(page);
  const u = dl.find((a) => a[1] === 'update');
  check(dl.length && dl[0][1] === 'default',
    'b: the Consent Mode default came first', dl);
  check(u && u[2].analytics_storage === 'denied'
    && u[2].ad_storage === 'denied' && u[2].ad_user_data === 'denied'
    && u[2].ad_personalization === 'denied'
    && u[2].functionality_storage === 'denied'
    && u[2].personalization_storage === 'denied'
    && u[2].security_storage === 'granted',
  'b: gtag consent update, everything but security denied', dl);

  await sleep(300);

  // the next page: no banner, the control, still nothing
  await page.reload({ waitUntil: 'load' });
  check(await banner(page).count() === 0, 'b: no banner on the next page');
  check(await reopen(page).isVisible(),
    'b: "Cookie settings" on the next page');
  check(await reopenAtEnd(page),
    'b: "Cookie settings" at the end of <body> (refused: the page rewritten)');
  await axeCheck(page, '#ccm-reopen', '"Cookie settings" control');

  await sleep(300);
  check(context.external.length === 0, 'b: no request to a tracker host',
    context.external);
  check((await trackerCookies(context)).length === 0,
    'b: no analytics or marketing cookie', await trackerCookies(context));
  check(await page.locator('iframe[src*="youtube"]').count() === 0,
    'b: the YouTube iframe stays inert');

  await context.close();
}


/*
 * r. A page the backend lets anyone cache for ten minutes: accepted, the
 * tags run; after Reject all, neither a navigation nor a reload gives
 * back the copy made for the consent, and the browser is told the page is
 * private and varies on the cookie.  Playwright's request routing (which
 * keeps every request on this machine) turns Chromium's HTTP cache off,
 * so the cache itself is checked against the HTTP rules in
 * t/20-revalidation.t (ETag per consent state, If-None-Match)
 */

async function revalidate(browser) {
  const context = await newContext(browser);
  const page = await context.newPage();
  const live = async () => page.locator(
    'script[src^="https://www.googletagmanager.com/gtag/js"]').count();

  let res = await page.goto(base + '/cache/', { waitUntil: 'load' });
  const cc = res.headers()['cache-control'] || '';
  check(/\bprivate\b/.test(cc) && !/\bpublic\b/.test(cc),
    'r: the per-consent page is private', cc);
  check(/\bcookie\b/i.test(res.headers()['vary'] || ''),
    'r: it varies on Cookie', res.headers()['vary']);

  await button(page, 'accept_all').click();
  await until(async () => await consent(context) !== null);
  await sleep(300);

  res = await page.goto(base + '/cache/', { waitUntil: 'load' });
  check(await live() === 1, 'r: accepted: gtag.js is live');
  check(context.external.some((u) => u.startsWith(GTAG)),
    'r: accepted: the browser asks for gtag.js', context.external);

  /*
   * withdraw on the preferences page, returning to another page: the
   * cached copy of /cache/ is still the one made with consent
   */
  check(await reopen(page).isVisible(), 'r: "Cookie settings" shown');
  await page.goto(base + '/cookie-consent?return=/', { waitUntil: 'load' });
  await page.locator('#ccm-page button[value=reject_all]').click();
  await page.waitForURL(base + '/');
  await until(async () => await consent(context) === 'necessary');
  await sleep(300);
  context.external.length = 0;

  // a navigation within max-age, then a reload (a revalidation)
  res = await page.goto(base + '/cache/', { waitUntil: 'load' });
  check(await live() === 0, 'r: after Reject all, a navigation: inert');
  await page.reload({ waitUntil: 'load' });
  check(await live() === 0, 'r: after Reject all, a reload: inert');
  await sleep(300);
  check(!context.external.some((u) => u.startsWith(GTAG)),
    'r: after Reject all: no request for gtag.js', context.external);
  check((await trackerCookies(context)).length === 0,
    'r: after Reject all: no analytics or marketing cookie',
    await trackerCookies(context));

  await context.close();
}


/* c. Settings, analytics, Save: the GA script comes back, no reload */

async function saveAnalytics(browser) {
  const context = await newContext(browser);
  const page = await context.newPage();
  let navigations = 0;

  await page.goto(base + '/', { waitUntil: 'load' });
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) {
      navigations++;
    }
  });
  await page.evaluate(() => { window.ccMarker = 42; });

  const save = button(page, 'save');
  check(await save.getAttribute('aria-expanded') === 'false',
    'c: Settings is aria-expanded="false"');
  await save.click();
  check(await save.getAttribute('aria-expanded') === 'true'
    && (await save.textContent()) === 'Save choices',
  'c: unfolded, the button now saves');
  check(await page.evaluate(() =>
    document.activeElement && document.activeElement.value === 'preferences'),
  'c: focus on the first optional category');

  // the second layer lists each category's cookies (fetched from the
  // preferences page): "lang" under Preferences, folded, then opened
  const list = page.locator(
    '#ccm-banner label:has(input[value=preferences]) + details.ccm-cookies');
  check(await until(async () => await list.count() === 1),
    'c: the cookies of a category listed under it');
  await list.locator('summary').click();
  check(await list.locator('td code', { hasText: 'lang' }).isVisible()
    && await page.locator('#ccm-banner details.ccm-cookies').count() === 1,
  'c: its list opens: "lang"; no list for a category without cookies');

  await page.locator('#ccm-banner input[value=analytics]').check();
  await save.click();

  check(await until(() => context.external.some((x) => x.startsWith(GTAG))),
    'c: gtag.js requested (revived)', context.external);
  check(await banner(page).isHidden(), 'c: banner gone');
  check(navigations === 0
    && await page.evaluate(() => window.ccMarker === 42),
  'c: without a reload');
  check(await consent(context) === 'necessary-analytics',
    'c: consent cookie: necessary and analytics', await consent(context));

  const dl = await gtagConsent(page);
  const u = dl.find((a) => a[1] === 'update');
  check(u && u[2].analytics_storage === 'granted'
    && u[2].ad_storage === 'denied' && u[2].ad_user_data === 'denied'
    && u[2].ad_personalization === 'denied'
    && u[2].functionality_storage === 'denied'
    && u[2].security_storage === 'granted',
  'c: gtag consent update: analytics granted, ads denied', dl);

  await sleep(300);
  check(context.external.every((x) => x.startsWith(GTAG)),
    'c: nothing of marketing requested', context.external);

  // the next page: analytics cookies pass, marketing ones do not
  await page.reload({ waitUntil: 'load' });
  const names = (await cookies(context)).map((k) => k.name);
  check(names.includes('_ga'), 'c: _ga set on the next page', names);
  check(!names.some((n) => /^(_fbp|_gcl_)/.test(n)),
    'c: no marketing cookie', names);

  await context.close();
}


/*
 * c2. a service granted alone (cookie_consent_service youtube marketing):
 * its box under Marketing, hidden while Marketing is ticked (which grants
 * it); ticked alone, its embed comes back without a reload while the rest
 * of marketing (the Meta pixel, _fbp, _gcl_au) stays blocked
 */

async function services(browser) {
  let context = await newContext(browser);
  let page = await context.newPage();

  await page.goto(base + '/svc/', { waitUntil: 'load' });
  await button(page, 'save').click();

  const box = page.locator('#ccm-banner input[name=service][value=youtube]');
  const mk = page.locator('#ccm-banner input[name=category][value=marketing]');
  check(await box.isVisible() && !(await box.isChecked()),
    'c2: the service\'s box, unticked, under its category');
  await mk.check();
  check(await until(async () => !(await box.isVisible())),
    'c2: hidden while its category is ticked (which grants it)');
  await mk.uncheck();
  check(await until(() => box.isVisible()), 'c2: back when it is not');
  await axeCheck(page, '#ccm-banner', 'the second layer with a service');
  if (process.env.CC_SCREENSHOTS) {
    fs.mkdirSync(process.env.CC_SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${process.env.CC_SCREENSHOTS}/`
      + 'services-desktop.png', scale: 'css' });
  }

  await box.check();
  await button(page, 'save').click();

  const yt = 'https://www.youtube.com/embed/';
  check(await until(() => context.external.some((x) => x.startsWith(yt))),
    'c2: the YouTube embed requested (revived)', context.external);
  check(await until(async () =>
    await page.locator('.ccm-placeholder').count() === 0),
  'c2: its placeholder gone');
  check(await consent(context) === 'necessary-youtube',
    'c2: consent cookie: necessary and the service', await consent(context));
  const post = context.posts[context.posts.length - 1];
  check(post && post.type.startsWith('application/json'),
    'c2: posted as JSON', context.posts);

  await sleep(300);
  check(context.external.every((x) => x.startsWith(yt)),
    'c2: nothing else of marketing, nothing of analytics requested',
    context.external);

  // the next page: the embed is live as served, marketing cookies still
  // not set
  await page.reload({ waitUntil: 'load' });
  check(await page.locator('iframe[src^="https://www.youtube.com/"]')
    .count() === 1, 'c2: the next page serves the embed live');
  check(await page.locator('.ccm-placeholder').count() === 0,
    'c2: no placeholder on it');
  check((await trackerCookies(context)).length === 0,
    'c2: no analytics or marketing cookie', await trackerCookies(context));
  check(!context.external.some((x) => /facebook|googletagmanager/.test(x)),
    'c2: the Meta pixel and gtag.js never requested', context.external);
  await context.close();

  // "Allow" in the placeholder of a service's embed grants the service
  context = await newContext(browser);
  page = await context.newPage();
  await page.goto(base + '/svc/', { waitUntil: 'load' });
  const ph = page.locator('.ccm-placeholder[data-ccm-for=marketing]');
  check(await ph.locator('p').textContent() === 'This content is blocked '
    + 'until you allow cookies of this category: Marketing (YouTube)',
  'c2: the placeholder names the service', await ph.textContent());
  await ph.getByRole('link', { name: 'Allow' }).click();
  check(await until(() => context.external.some((x) => x.startsWith(yt))),
    'c2: Allow loads the embed', context.external);
  check(await consent(context) === 'necessary-youtube',
    'c2: Allow granted the service alone', await consent(context));
  const u = (await gtagConsent(page)).find((a) => a[1] === 'update');
  check(u && u[2].ad_storage === 'denied',
    'c2: Consent Mode follows categories: ads still denied', u);
  await context.close();
}


/* d. without JavaScript: the plain form and the 303 */

async function noScript(browser) {
  /*
   * Without the slide-in: in a page without JavaScript, Playwright's
   * "stable" check of a click never settles once an animation ran
   */
  const context = await newContext(browser, { javaScriptEnabled: false,
    reducedMotion: 'reduce' });
  const page = await context.newPage();

  await page.goto(base + '/shop?item=7', { waitUntil: 'load' });
  check(await banner(page).isVisible(), 'd: banner visible without JS');
  check(!(await page.locator('#ccm-cats').isVisible()),
    'd: categories folded without JS too');
  check((await button(page, 'save').textContent()) === 'Settings',
    'd: the third button is "Settings"');

  // "Settings" opens the preferences page, in the banner's language
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    button(page, 'save').click()
  ]);
  const settings = new URL(page.url());
  check(settings.pathname === '/cookie-consent'
    && settings.searchParams.get('return') === '/shop?item=7'
    && settings.searchParams.get('lang') === 'en',
  'd: "Settings" opens the preferences page', page.url());
  check(await page.locator('html').getAttribute('lang') === 'en'
    && await page.locator('input[value=analytics]').isVisible(),
  'd: the page shows the categories, in the banner\'s language');
  await page.goBack({ waitUntil: 'load' });

  let [res] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    button(page, 'reject_all').click()
  ]);
  const post = res && res.request().redirectedFrom();
  const postRes = post && await post.response();
  check(post && post.method() === 'POST' && postRes
    && postRes.status() === 303,
  'd: Reject all posts the form, 303',
  post ? `${post.method()} ${postRes && postRes.status()}` : 'no redirect');
  check(page.url() === base + '/shop?item=7', 'd: back on the page',
    page.url());
  check(await consent(context) === 'necessary',
    'd: consent cookie: necessary only', await consent(context));
  check((await trackerCookies(context)).length === 0,
    'd: no analytics or marketing cookie', await trackerCookies(context));
  check(await banner(page).count() === 0 && await reopen(page).isVisible(),
    'd: no banner, "Cookie settings" shown');
  await sleep(300);
  check(context.external.length === 0,
    'd: no tracker request (noscript pixel, iframe inert)', context.external);

  // Accept all from the preferences page
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    reopen(page).click()
  ]);
  check(new URL(page.url()).pathname === '/cookie-consent',
    'd: "Cookie settings" opens the preferences page', page.url());
  check(await page.locator('input[value=analytics]').isChecked() === false,
    'd: the page shows analytics not granted');

  [res] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.locator('button[value=accept_all]').click()
  ]);
  check(page.url() === base + '/shop?item=7',
    'd: Accept all, back on the page', page.url());
  check(await consent(context)
    === 'necessary-preferences-analytics-marketing',
  'd: consent cookie: all categories', await consent(context));
  check(await banner(page).count() === 0, 'd: no banner');

  // now the embeds load (the control of this test: blocking was consent)
  check(await until(() =>
    context.external.some((x) => x.includes('youtube.com/embed'))
    && context.external.some((x) => x.includes('facebook.com/tr'))),
  'd: after Accept all the iframe and the pixel are requested',
  context.external);
  const names = (await cookies(context)).map((k) => k.name);
  check(names.includes('_ga') && names.includes('_fbp'),
    'd: analytics and marketing cookies set', names);

  await context.close();
}


/* "Allow" in the placeholder of the blocked YouTube embed */

async function allowEmbed(browser) {
  const context = await newContext(browser);
  const page = await context.newPage();

  await page.goto(base + '/', { waitUntil: 'load' });
  const ph = page.locator('.ccm-placeholder[data-ccm-for=marketing]');
  check(await ph.isVisible(), 'f: a placeholder in place of the embed');
  await axeCheck(page, '.ccm-placeholder', 'placeholder of a blocked embed');

  await ph.getByRole('link', { name: 'Allow' }).click();
  check(await until(() =>
    context.external.some((x) => x.includes('youtube.com/embed'))),
  'f: Allow loads the embed', context.external);
  check(await ph.count() === 0, 'f: placeholder removed');
  check(await page.evaluate(() => document.activeElement
    && document.activeElement.tagName === 'IFRAME'),
  'f: focus on the embed');
  check(await consent(context) === 'necessary-marketing',
    'f: consent cookie: necessary and marketing', await consent(context));
  const u = (await gtagConsent(page)).find((a) => a[1] === 'update');
  check(u && u[2].ad_storage === 'granted'
    && u[2].analytics_storage === 'denied',
  'f: gtag consent update: ads granted, analytics denied', u);
  check(!context.external.some((x) => x.startsWith(GTAG)),
    'f: nothing of analytics requested', context.external);

  await context.close();
}


/* under "Content-Security-Policy: default-src 'self'" */

async function csp(browser) {
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') {
      errors.push(m.text());
    }
  });

  const res = await page.goto(base + '/csp/', { waitUntil: 'load' });
  check(/default-src 'self'/.test(res.headers()['content-security-policy']
    || ''), 'g: the page has a strict CSP');
  check(await until(() => banner(page).evaluate((e) =>
    e.classList.contains('ccm-js'))), 'g: banner.js runs');
  check(await banner(page).evaluate((e) =>
    getComputedStyle(e).position === 'fixed'), 'g: banner.css applies');
  check(context.local.includes('/cookie-consent/gcm.js')
    && await page.evaluate(() => typeof window.gtag === 'function'
      && window.dataLayer[0][1] === 'default'),
  'g: the Consent Mode default came from the endpoint (gcm.js)',
  context.local);

  await button(page, 'reject_all').click();
  check(await until(async () => await banner(page).isHidden()),
    'g: Reject all works');
  const u = (await gtagConsent(page)).find((a) => a[1] === 'update');
  check(u && u[2].analytics_storage === 'denied',
    'g: gtag consent update', u);
  check(errors.length === 0, 'g: no CSP violation, no error', errors);
  check(context.external.length === 0, 'g: nothing non-local requested',
    context.external);
  check((await trackerCookies(context)).length === 0,
    'g: no analytics or marketing cookie', await trackerCookies(context));

  await context.close();
}


/* e. the preferences page */

async function prefsPage(browser) {
  const context = await newContext(browser);
  const page = await context.newPage();

  const res = await page.goto(base + '/cookie-consent?return=/',
    { waitUntil: 'load' });
  check(res && res.status() === 200
    && /^text\/html/.test(res.headers()['content-type'] || ''),
  'e: preferences page, text/html');
  check(await page.getByRole('heading', { level: 1 }).textContent()
    === 'Cookie settings', 'e: its heading');
  check(await page.locator('.ccm-page').evaluate((e) =>
    getComputedStyle(e).position) === 'static',
  'e: styled by banner.css, in the flow of the page');
  await axeCheck(page, null, 'preferences page');

  await context.close();
}


/*
 * p. Global Privacy Control: the browser sends Sec-GPC: 1; the banner says
 * the signal is honoured, Accept all leads to a page asking to confirm it
 * (nothing stored, nothing loaded meanwhile), "Yes, accept all" stores it
 */

async function gpc(browser) {
  const context = await newContext(browser,
    { extraHTTPHeaders: { 'Sec-GPC': '1' } });
  const page = await context.newPage();

  await page.goto(base + '/', { waitUntil: 'load' });
  const notice = page.locator('#ccm-banner .ccm-gpc');
  check(await notice.isVisible()
    && /Global Privacy Control/.test(await notice.textContent()),
  'p: the banner says GPC is honoured');
  await axeCheck(page, '#ccm-banner', 'banner with the GPC notice');

  await Promise.all([
    page.waitForURL((u) => u.pathname === '/cookie-consent'),
    button(page, 'accept_all').click()
  ]);
  await page.waitForLoadState('load');

  const ask = page.locator('.ccm-gpc[role=alert]');
  check(await ask.isVisible() && /Accept all/.test(await ask.textContent()),
    'p: Accept all: a page asks to confirm it');
  check(await consent(context) === null, 'p: nothing stored before that');
  check(context.external.length === 0,
    'p: nothing non-local requested before the confirmation',
    context.external);
  check(await page.locator('input[name=category]:checked:not([disabled])')
    .count() === 0, 'p: nothing optional ticked on it');
  await axeCheck(page, null, 'the GPC confirmation page');

  const yes = page.locator('.ccm-btn[value=accept_all]');
  check(await yes.textContent() === 'Yes, accept all',
    'p: its button says "Yes, accept all"');
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/'),
    yes.click()
  ]);
  await page.waitForLoadState('load');

  const c = await consent(context);
  check(c && c.split('-').includes('marketing'),
    'p: confirmed: every category stored', c);
  check(await banner(page).count() === 0 && await reopen(page).isVisible(),
    'p: back on the page, decided');
  check(await reopenAtEnd(page),
    'p: "Cookie settings" at the end of <body> (all granted: the page '
    + 'passed unread after <html>)');
  check(context.external.some((u) => u.startsWith(GTAG)),
    'p: confirmed: the tags run', context.external);

  await context.close();
}


/*
 * l. No layout shift: a phone on a slow network, banner.js arriving 1.5 s
 * after the page: the first paint is the final layout (CLS measured with
 * the browser's own Layout Instability API), and the first layer leaves
 * most of the screen to the page
 */

async function layoutShift(browser) {
  const context = await newContext(browser, {
    viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
    deviceScaleFactor: 2 });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false,
    latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 7.5e5 / 8 });
  await page.route('**/banner.js*', async (route) => {
    await sleep(1500);
    return route.continue();
  });
  await page.addInitScript(() => {
    window.ccCLS = 0;
    window.ccShifts = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) {
        if (!e.hadRecentInput) {
          window.ccCLS += e.value;
          window.ccShifts.push(e.value);
        }
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });

  await page.goto(base + '/', { waitUntil: 'load' });
  check(await until(() => banner(page).evaluate((e) =>
    e.classList.contains('ccm-js')), 8000), 'l: banner.js arrived late');
  await sleep(500);
  const cls = await page.evaluate(() => [window.ccCLS, window.ccShifts]);
  check(cls[0] < 0.01, `l: no layout shift (CLS ${cls[0].toFixed(4)})`, cls);

  const h = await banner(page).evaluate((e) =>
    e.getBoundingClientRect().height / window.innerHeight);
  check(h < 0.5, `l: the first layer takes ${Math.round(h * 100)} % of a `
    + 'phone\'s screen', h);
  const rows = await page.$$eval('#ccm-banner .ccm-btn', (bs) =>
    new Set(bs.map((b) => Math.round(b.getBoundingClientRect().top))).size);
  check(rows === 1, 'l: the three buttons side by side on a phone', rows);

  await context.close();
}


/*
 * y. The layouts, on a desktop and a phone, light and dark: where each
 * sits, buttons equal and on one row, the colours of the scheme, axe on
 * each; a wall keeps the page inert until a choice.  Screenshots go to
 * CC_SCREENSHOTS (docs/banner.md shows them)
 */

async function layouts(browser) {
  const dir = process.env.CC_SCREENSHOTS;
  if (dir) {
    fs.mkdirSync(dir, { recursive: true });
  }
  const devices = {
    desktop: { viewport: { width: 1280, height: 800 } },
    phone: { viewport: { width: 390, height: 844 }, isMobile: true,
      hasTouch: true, deviceScaleFactor: 2 }
  };
  // the background's luminance, 0 (black) to 1 (white)
  const luminance = (rgb) => {
    const [r, g, b] = rgb.match(/\d+/g).map(Number);
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  };

  for (const [layout, path] of [['bar', '/article.html'],
    ['box', '/box/article.html'], ['modal', '/modal/article.html'],
    ['wall', '/wall/article.html']]) {
    for (const [device, opts] of Object.entries(devices)) {
      for (const scheme of ['light', 'dark']) {
        const name = `${layout}, ${device}, ${scheme}`;
        const context = await newContext(browser,
          { ...opts, colorScheme: scheme });
        const page = await context.newPage();
        await page.goto(base + path, { waitUntil: 'load' });
        await until(() => banner(page).evaluate((e) =>
          e.classList.contains('ccm-js')));
        await sleep(300);                      // the slide-in

        const box = await page.evaluate(() => {
          const b = document.getElementById('ccm-banner');
          const f = b.querySelector('form');
          const r = f.getBoundingClientRect();
          const bs = Array.from(b.querySelectorAll('.ccm-btn'), (x) =>
            x.getBoundingClientRect());
          return {
            left: r.left, right: r.right, top: r.top, bottom: r.bottom,
            vw: window.innerWidth, vh: window.innerHeight,
            rows: new Set(bs.map((x) => Math.round(x.top))).size,
            heights: new Set(bs.map((x) => Math.round(x.height))).size,
            bg: getComputedStyle(layoutBox(b)).backgroundColor
          };

          function layoutBox(e) {
            return e.classList.contains('ccm-wall') ? e.querySelector('form')
              : e;
          }
        });
        check(box.rows === 1 && box.heights === 1,
          `y: ${name}: three equal buttons on one row`, box);
        check(box.left >= 0 && box.right <= box.vw && box.top >= 0
          && box.bottom <= box.vh, `y: ${name}: inside the screen`, box);
        const lum = luminance(box.bg);
        check(scheme === 'dark' ? lum < 0.25 : lum > 0.9,
          `y: ${name}: ${scheme} colours`, box.bg);
        if (device === 'desktop' && layout === 'box') {
          check(box.vw - box.right < 40 && box.right - box.left < box.vw / 2,
            `y: ${name}: a box in the bottom right corner`, box);
        }
        if (device === 'desktop' && (layout === 'modal' || layout === 'wall')) {
          check(Math.abs(box.left - (box.vw - box.right)) < 3
            && Math.abs(box.top - (box.vh - box.bottom)) < 3,
          `y: ${name}: centred`, box);
        }
        if (device === 'phone') {
          check(box.vw === 390, `y: ${name}: the phone's own width`, box);
        }
        if (layout === 'bar' && device === 'phone') {
          check((box.bottom - box.top) / box.vh < 0.35,
            `y: ${name}: the first layer leaves most of the screen`, box);
        }
        if (device === 'desktop') {
          await axeCheck(page, '#ccm-banner', `${layout} layout, ${scheme}`);
        }
        if (dir) {
          await page.screenshot({ path: `${dir}/${layout}-${device}-`
            + `${scheme}.jpg`, type: 'jpeg', quality: 45, scale: 'css' });
        }

        if (layout === 'wall' && device === 'desktop' && scheme === 'light') {
          check(await page.evaluate(() =>
            document.querySelector('main').inert === true
            && document.getElementById('ccm-banner').contains(
              document.activeElement)),
          'y: wall: the page is inert, the focus in the dialog');
          for (let i = 0; i < 8; i++) {
            await page.keyboard.press('Tab');
          }
          check(await page.evaluate(() =>
            document.getElementById('ccm-banner').contains(
              document.activeElement)), 'y: wall: Tab stays in the dialog');
          // closing is refusing (the x of the first layer)
          await page.locator('#ccm-banner .ccm-x').click();
          check(await until(() => page.evaluate(() =>
            !document.querySelector('main').inert)),
          'y: wall: after the close button (a refusal) the page is usable');
          check(await consent(context) === 'necessary',
            'y: the close button rejects: consent necessary only',
            await consent(context));
          check(await reopen(page).isVisible(), 'y: wall: "Cookie settings"');
        }
        if (layout === 'box' && device === 'desktop' && scheme === 'light') {
          await button(page, 'reject_all').click();
          await until(() => reopen(page).isVisible());
          const r = await reopen(page).boundingBox();
          check(r && box.vw - (r.x + r.width) < 40,
            'y: reopen=right: "Cookie settings" in the bottom right corner',
            r);
        }
        await context.close();
      }
    }
  }

  // theme=light: light also for a visitor who prefers dark
  const context = await newContext(browser, { colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto(base + '/light/', { waitUntil: 'load' });
  const bg = await banner(page).evaluate((e) =>
    getComputedStyle(e).backgroundColor);
  check(luminance(bg) > 0.9, 'y: theme=light under a dark preference', bg);
  await context.close();
}


// for debugging: CC_BROWSER_ONLY=noScript,prefsPage runs only those
const only = process.env.CC_BROWSER_ONLY;

const watchdog = setTimeout(() => {
  check(false, 'the browser test finished within 150 s');
  process.exit(1);
}, 150000);

const browser = await chromium.launch({
  executablePath: process.env.CC_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox']
});

try {
  console.log(`# Chromium ${browser.version()}`);
  for (const f of [undecided, rejectAll, saveAnalytics, services, noScript,
    allowEmbed, csp, prefsPage, revalidate, gpc, layoutShift, layouts]) {
    if (only && !only.split(',').includes(f.name)) {
      continue;
    }
    try {
      await f(browser);
    } catch (x) {
      check(false, `${f.name}: no exception`, String(x && x.stack || x));
    }
  }
} finally {
  await browser.close();
  clearTimeout(watchdog);
}

process.exit(failed ? 1 : 0);
