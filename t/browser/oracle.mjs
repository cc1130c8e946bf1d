/*
 * nginx-cookie-consent: the browser as the oracle.
 *
 *   node t/browser/oracle.mjs emit DIR
 *       writes the corpus (t/browser/oracle-corpus.mjs) into DIR/html/oracle/
 *       and its Set-Cookie locations into DIR/oracle-cookies.conf
 *   node t/browser/oracle.mjs run CONFIG.json
 *       loads the corpus in headless Chromium, once per run of the config:
 *       {"repo": "...", "runs": [{"name": "builtin", "port": 1234,
 *        "visitors": ["undecided", "refusing"]}, ...,
 *        {"name": "off", "port": 1236, "control": true}]}
 *
 * Run by t/21-browser-oracle.t, which starts nginx with the module (the
 * built-in tracker rules, and the shipped catalog) and without it (the
 * control).  Each run (runs go in parallel) is a fresh Chromium profile, a
 * persistent context: Chromium performs <link rel=preconnect|dns-prefetch>
 * only outside incognito contexts, which browser.newContext() makes.
 *
 * What is recorded:
 *   - every request Chromium attempts (context.route): requests to
 *     127.0.0.1 continue, anything else is recorded and aborted
 *     (navigations answered 204, which renders no error page), so no
 *     request leaves the machine; a request to 127.0.0.1 whose URL names a
 *     tracker host is recorded as a tracker request too;
 *   - every host name Chromium resolves, when CC_ORACLE_DNS=1 (root, set by
 *     the .t file after checking unshare works): each run has a DNS server
 *     on 127.0.77.N:53 that records every question and answers NXDOMAIN,
 *     and its Chromium runs through chromium-resolv.sh, in a mount
 *     namespace whose /etc/resolv.conf names that server.  This is how
 *     preconnect and dns-prefetch are seen, and no tracker name resolves
 *     to anything real.  Without it, every non-local name is unresolvable
 *     (--host-resolver-rules) and the preconnect/dns-prefetch cases are
 *     skipped;
 *   - every cookie stored (context.cookies(), HttpOnly ones included);
 *   - the sentinels after the cases of each page (a rewrite that swallowed
 *     markup would hide cases).
 *
 * A tracker request is one whose host (and path) matches the module's own
 * tracker rules: catalog/default.json, tools/trackers.txt and the built-in
 * set in src/ngx_http_cookie_consent_rules.c; a tracker cookie is one the
 * catalog or the built-in rules put in analytics or marketing.
 *
 * Output: one JSON line per check, {"ok":..., "name":..., "diag":...,
 * "skip":...}; lines starting with "#" are notes.  CC_ORACLE_RESULTS=FILE
 * writes every case's result (per run: the URLs requested, the cookies
 * stored) as JSON.  CC_ORACLE_ONLY=off,builtin/undecided: only these runs;
 * CC_ORACLE_PARALLEL: runs at once (default 5); CC_ORACLE_JOBS: pages
 * loaded at once in a run (default 4); CC_ORACLE_TIMEOUT: seconds (170);
 * CC_ORACLE_DEBUG: each page's time.
 */

import { mkdirSync, writeFileSync, readFileSync, mkdtempSync, rmSync }
  from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import dgram from 'node:dgram';
import { buildCorpus } from './oracle-corpus.mjs';

const [mode, arg] = process.argv.slice(2);

if (mode === 'emit') {
  const corpus = buildCorpus();
  for (const [path, text] of Object.entries(corpus.files)) {
    const f = join(arg, 'html', path);
    mkdirSync(dirname(f), { recursive: true });
    writeFileSync(f, text);
  }
  writeFileSync(join(arg, 'html', 'oracle', 'blank.html'),
    '<!DOCTYPE html><title>blank</title><p>blank</p>\n');
  writeFileSync(join(arg, 'oracle-cookies.conf'), corpus.conf);
  console.log(JSON.stringify({ cases: corpus.cases.length,
    cookies: corpus.cookieCases.length, pages: corpus.pages.length }));
  process.exit(0);
}

if (mode !== 'run') {
  console.error('usage: oracle.mjs emit DIR | run CONFIG.json');
  process.exit(2);
}

const { chromium } = await import('playwright-core');
const config = JSON.parse(readFileSync(arg, 'utf8'));
const repo = config.repo;
const corpus = buildCorpus();
const jobs = Number(process.env.CC_ORACLE_JOBS) || 4;
const only = process.env.CC_ORACLE_ONLY
  ? process.env.CC_ORACLE_ONLY.split(',') : null;
const parallel = Number(process.env.CC_ORACLE_PARALLEL) || 5;
const here = dirname(new URL(import.meta.url).pathname);

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
const skip = (name, why) => console.log(JSON.stringify({ ok: true, name,
  skip: why }));
const note = (s) => console.log(`# ${s}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));


/* the module's own tracker hosts and cookie names */

const hostRules = [];          // { host, path }
const cookieExact = new Set();
const cookiePrefix = [];
const cookieRegex = [];

{
  const cat = JSON.parse(readFileSync(join(repo, 'catalog/default.json'),
    'utf8'));
  for (const t of cat.trackers) {
    hostRules.push({ host: t.host.toLowerCase(), path: t.path || '' });
  }
  for (const k of cat.cookies) {
    if (k.category !== 'analytics' && k.category !== 'marketing') {
      continue;
    }
    if (k.name !== undefined) {
      cookieExact.add(k.name);
    } else if (k.prefix !== undefined) {
      cookiePrefix.push(k.prefix);
    } else if (k.regex !== undefined) {
      cookieRegex.push(new RegExp(k.regex));
    }
  }

  for (const line of readFileSync(join(repo, 'tools/trackers.txt'), 'utf8')
    .split('\n')) {
    const f = line.replace(/#.*/, '').trim().split(/\s+/);
    if (f.length >= 2 && f[0]) {
      const [host, ...path] = f[f.length - 1].split('/');
      hostRules.push({ host: host.toLowerCase(),
        path: path.length ? '/' + path.join('/') : '' });
    }
  }

  // the built-in sets: { "category", "word word*" "word" } in the C source
  const c = readFileSync(join(repo,
    'src/ngx_http_cookie_consent_rules.c'), 'utf8');
  const array = (name) => {
    const m = c.match(new RegExp(`${name}\\[\\]\\s*=\\s*\\{([\\s\\S]*?)\\n\\};`));
    const out = [];
    for (const e of (m ? m[1] : '').matchAll(
      /\{\s*"(\w+)",\s*((?:"[^"]*"\s*)+)\}/g)) {
      const words = [...e[2].matchAll(/"([^"]*)"/g)].map((x) => x[1])
        .join('').split(/\s+/).filter(Boolean);
      out.push(...words.map((w) => [e[1], w]));
    }
    return out;
  };
  const builtinCookies = array('ngx_http_cookie_consent_builtin');
  const builtinTrackers = array('ngx_http_cookie_consent_trackers');
  for (const [cat2, w] of builtinCookies) {
    if (cat2 === 'analytics' || cat2 === 'marketing') {
      if (w.endsWith('*')) {
        cookiePrefix.push(w.slice(0, -1));
      } else {
        cookieExact.add(w);
      }
    }
  }
  for (const [, w] of builtinTrackers) {
    const [host, ...path] = w.split('/');
    hostRules.push({ host: host.toLowerCase(),
      path: path.length ? '/' + path.join('/') : '' });
  }
  note(`tracker rules: ${hostRules.length} host rules (catalog, `
    + `tools/trackers.txt, ${builtinTrackers.length} built-in); cookie rules: `
    + `${cookieExact.size} names, ${cookiePrefix.length} prefixes, `
    + `${cookieRegex.length} patterns (${builtinCookies.length} built-in words)`);
  if (!builtinCookies.length || !builtinTrackers.length) {
    check(false, 'the built-in rule sets are read from '
      + 'src/ngx_http_cookie_consent_rules.c');
  }
}

// RFC 3986 6.2.2.2: percent-encoded unreserved characters are the same
// characters (servers decode them)
const normPath = (p) => p.replace(/%([0-9a-f]{2})/gi, (m, h) => {
  const c = String.fromCharCode(parseInt(h, 16));
  return /[A-Za-z0-9\-._~]/.test(c) ? c : m;
});

const trackerHost = (host, path) => {
  host = host.toLowerCase().replace(/\.+$/, '');
  for (const r of hostRules) {
    if ((host === r.host || host.endsWith('.' + r.host))
      && (r.path === '' || (path !== null && path.startsWith(r.path)))) {
      return true;
    }
  }
  return false;
};

const trackerUrl = (url) => {
  let u;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return trackerHost(u.hostname, normPath(u.pathname));
};

// a local URL that names a tracker host (only local test assets are
// referenced as http://127.0.0.1:PORT/...)
const namesTracker = (url) => {
  let s = url.toLowerCase();
  try {
    s = decodeURIComponent(s);
  } catch { /* as it is */ }
  return hostRules.some((r) => r.path === '' && s.includes(r.host));
};

const trackerCookie = (name) => cookieExact.has(name)
  || cookiePrefix.some((p) => name.startsWith(p))
  || cookieRegex.some((r) => r.test(name));

const TOKEN = /ox(\d+)/i;
const byTok = new Map(corpus.cases.map((c) => [c.tok, c]));
const caseOf = (s) => {
  const m = s && TOKEN.exec(s);
  return m ? byTok.get(`ox${m[1]}`) : undefined;
};


/*
 * A DNS server per run, on 127.0.77.N:53: records every name asked and
 * answers NXDOMAIN.  Its Chromium runs through chromium-resolv.sh, in a
 * mount namespace whose /etc/resolv.conf names it.
 */
const dnsOn = process.env.CC_ORACLE_DNS === '1';

// a free 127.0.77.N:53 (other tests may run at the same time)
async function dnsBind() {
  const first = 10 + Math.floor(Math.random() * 240);
  for (let i = 0; i < 240; i++) {
    const ip = `127.0.77.${10 + (first - 10 + i) % 240}`;
    const sock = dgram.createSocket('udp4');
    try {
      await new Promise((resolve, reject) => {
        sock.once('error', reject);
        sock.bind(53, ip, resolve);
      });
      sock.on('error', () => {});
      return [ip, sock];
    } catch {
      try {
        sock.close();
      } catch { /* never bound */ }
    }
  }
  throw new Error('no free 127.0.77.N:53 for the DNS server');
}

async function dnsServer(dir) {
  const [ip, sock] = await dnsBind();
  const d = { ip, log: [], last: 0, sock,
    resolv: join(dir, 'resolv.conf') };
  sock.on('message', (m, peer) => {
    if (m.length < 17) {
      return;
    }
    let i = 12;
    const labels = [];
    while (i < m.length && m[i] && labels.length < 128) {
      labels.push(m.subarray(i + 1, i + 1 + m[i]).toString('latin1'));
      i += m[i] + 1;
    }
    d.log.push(labels.join('.').toLowerCase());
    d.last = Date.now();
    const r = Buffer.from(m.subarray(0, Math.min(m.length, i + 5)));
    r[2] = 0x80 | (m[2] & 0x79);   // response, opcode and RD copied
    r[3] = 0x83;                   // RA, NXDOMAIN
    r.writeUInt16BE(0, 6);
    r.writeUInt16BE(0, 8);
    r.writeUInt16BE(0, 10);
    sock.send(r, peer.port, peer.address);
  });
  writeFileSync(d.resolv, `nameserver ${ip}\noptions attempts:1 timeout:1\n`);
  return d;
}


const results = {};
let uaShown = false;
const chromiumPath = process.env.CC_CHROMIUM || '/usr/bin/chromium';
const noDnsArgs = ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];

// jobs at a time
const pool = async (items, n, f) => {
  const queue = [...items];
  await Promise.all(Array.from({ length: n }, async () => {
    for (let x; (x = queue.shift()) !== undefined;) {
      await f(x);
    }
  }));
};


/* one run: a fresh Chromium profile, every page, every Set-Cookie case */

async function run(r, visitor, runName) {
  const res = results[runName] = { cases: {}, cookies: {},
    trackerCookies: {} };
  const base = `http://127.0.0.1:${r.port}`;
  const tmp = mkdtempSync(join(tmpdir(), 'cc-oracle-'));
  const dns = dnsOn ? await dnsServer(tmp) : null;
  const context = await chromium.launchPersistentContext(join(tmp, 'p'), {
    executablePath: dns ? join(here, 'chromium-resolv.sh') : chromiumPath,
    env: { ...process.env, CC_ORACLE_RESOLV: dns ? dns.resolv : '',
      CC_ORACLE_CHROMIUM: chromiumPath },
    args: ['--no-sandbox', '--disable-site-isolation-trials',
      ...(dns ? [] : noDnsArgs),
      ...(process.env.CC_ORACLE_ARGS || '').split(' ').filter(Boolean)]
  });
  context.setDefaultTimeout(20000);

  const requests = [];          // tracker requests: { url, frames }
  const other = [];             // non-local, not trackers
  const activity = new Map();   // page -> time of its last request

  try {
    await context.route('**/*', (route) => {
      const req = route.request();
      const url = req.url();
      const frames = [];
      try {
        for (let f = req.frame(); f; f = f.parentFrame()) {
          frames.push(f.url());
        }
        activity.set(req.frame().page(), Date.now());
      } catch { /* a service worker's request */ }
      let host = '';
      try {
        host = new URL(url).hostname;
      } catch { /* not a URL: not local */ }
      if (host === '127.0.0.1') {
        if (namesTracker(url)) {
          requests.push({ url, frames, local: true });
        }
        return route.continue();
      }
      if (trackerUrl(url)) {
        requests.push({ url, frames });
      } else {
        other.push(url);
      }
      // a navigation answered "204 No Content" here leaves the frame as it
      // was: no error page to render (a third of the run's CPU)
      return req.isNavigationRequest() ? route.fulfill({ status: 204 })
        : route.abort('blockedbyclient');
    });

    const first = await context.newPage();
    await first.goto(base + '/oracle/blank.html');
    if (!uaShown) {
      uaShown = true;
      note(await first.evaluate(() => navigator.userAgent));
    }

    // the refusing visitor: Reject all, posted to the endpoint by the page
    if (visitor === 'refusing') {
      const status = await first.evaluate(async () => (await fetch(
        '/cookie-consent', { method: 'POST',
          body: new URLSearchParams({ action: 'reject_all' }),
          redirect: 'manual' })).status);
      const consent = (await context.cookies(base))
        .find((k) => k.name === 'consent');
      const cats = consent ? consent.value.split('.')[4] : null;
      check(cats === 'necessary',
        `${runName}: Reject all at the endpoint: consent cookie grants `
        + 'necessary only', `status ${status}, categories ${cats}`);
    }

    // the visitor's _ga, which the deletion cases delete
    const now = Date.now() / 1000;
    await context.addCookies(corpus.cookieCases.filter((k) => k.seed)
      .map((k) => ({ name: '_ga', value: 'GA1.1.seed.1', domain: '127.0.0.1',
        path: k.path.replace(/\/$/, ''), expires: now + 86400 })));

    // the pages, jobs at a time in reused tabs; each until 400 ms without
    // a request or a DNS question (index pages of documents: at least
    // 1.2 s after "load", a refresh of "0.5" comes after it); then its
    // sentinels are counted
    const tabs = [first];
    const loadErrors = [];
    const list = [...corpus.pages, { path: corpus.cookiePage }];
    const cookieTimes = [];
    await pool(list, jobs, async (pg) => {
      const page = tabs.pop() || await context.newPage();
      const start = Date.now();
      try {
        await page.goto(base + pg.path, { waitUntil: 'load' });
      } catch (x) {
        loadErrors.push(`${pg.path}: ${String(x).split('\n')[0]}`);
      }
      const loaded = Date.now();
      if (pg.path === corpus.cookiePage) {
        cookieTimes.push(start / 1000, loaded / 1000);
      }
      activity.set(page, loaded);
      const min = pg.docs ? 1200 : 400;
      while (Date.now() - start < 10000) {
        await sleep(50);
        const last = Math.max(activity.get(page), dns ? dns.last : 0);
        if (Date.now() - loaded > min && Date.now() - last > 400) {
          break;
        }
      }
      if (pg.sentinels !== undefined) {
        let count = 0;
        for (const f of page.frames()) {
          count += await f.evaluate(() =>
            document.querySelectorAll('i.cc-end').length).catch(() => 0);
        }
        check(count === pg.sentinels, `${runName}: ${pg.path}: the markup `
          + `of every case reached the page (${pg.sentinels} sentinels)`,
        `${count} sentinels`);
      }
      if (process.env.CC_ORACLE_DEBUG) {
        note(`${runName}: ${pg.path}: load ${loaded - start} ms, `
          + `total ${Date.now() - start} ms`);
      }
      tabs.push(page);
    });
    if (loadErrors.length) {
      note(`${runName}: pages that did not finish loading: `
        + loadErrors.join('; '));
    }
    await sleep(200);

    // who asked for what
    const perCase = new Map();
    const unattributed = [];
    const add = (c, what) => {
      if (!perCase.has(c)) {
        perCase.set(c, []);
      }
      perCase.get(c).push(what);
    };
    for (const q of requests) {
      const c = caseOf(q.url) || q.frames.map(caseOf).find(Boolean);
      if (c) {
        add(c, (q.local ? 'local request ' : '') + q.url);
      } else {
        unattributed.push(q.url + (q.frames.length
          ? ` (frame ${q.frames[0]})` : ''));
      }
    }
    const requested = new Set(requests.map((q) => new URL(q.url).hostname));
    const asked = dns ? dns.log : [];
    const trackerNames = new Set();
    for (const name of asked) {
      if (!trackerHost(name, null)) {
        continue;
      }
      trackerNames.add(name);
      const c = caseOf(name);
      if (c) {
        add(c, `DNS ${name}`);
      } else if (!requested.has(name)) {
        // a name already requested (and aborted) is that request's
        unattributed.push(`DNS ${name}`);
      }
    }

    let fired = 0;
    let applicable = 0;
    for (const c of corpus.cases) {
      const got = [...new Set(perCase.get(c) || [])];
      res.cases[c.id] = got;
      if (c.dns && !dns) {
        skip(`${runName}: ${c.id}`, 'no DNS server (CC_ORACLE_DNS): '
          + 'preconnect and dns-prefetch are not observable');
        continue;
      }
      applicable++;
      if (got.length) {
        fired++;
      }
      if (r.control) {
        check(got.length > 0,
          `${runName}: ${c.id}: Chromium requests the tracker (control)`,
          'nothing requested: a corpus bug');
      } else {
        check(got.length === 0, `${runName}: ${c.id}: no tracker request`,
          got.join('\n'));
      }
    }
    note(`${runName}: ${fired} of ${applicable} HTML cases made a tracker `
      + 'request');

    if (r.control) {
      if (unattributed.length) {
        note(`${runName}: tracker requests outside the cases: `
          + unattributed.join(' '));
      }
    } else {
      check(unattributed.length === 0,
        `${runName}: no tracker request outside the cases`,
        unattributed.join('\n'));
    }
    res.outside = unattributed;
    if (other.length) {
      note(`${runName}: non-local, not trackers (aborted): `
        + [...new Set(other)].slice(0, 20).join(' '));
    }
    const bg = [...new Set(asked)].filter((x) => !trackerNames.has(x));
    if (bg.length) {
      note(`${runName}: other names resolved (NXDOMAIN): ${bg.join(' ')}`);
    }

    const jar = await context.cookies();
    const fromPages = jar.filter((k) => !k.path.startsWith('/oracle/sc/')
      && trackerCookie(k.name)).map((k) => k.name);
    if (!r.control) {
      check(fromPages.length === 0,
        `${runName}: no tracker cookie from the pages`, fromPages);
    }
    cookieChecks(r, runName, res, jar, cookieTimes);
  } finally {
    await context.close();
    if (dns) {
      dns.sock.close();
    }
    rmSync(tmp, { recursive: true, force: true });
  }
}


/* the Set-Cookie cases: the cookies stored at each case's path */

function cookieChecks(r, runName, res, jar, [t0, t1]) {
  let stored = 0;
  let trackers = 0;
  const now = t1;
  const show = (x) => `${JSON.stringify(x.name)}=${x.value}; `
    + `${x.expires === -1 ? 'session' : `${Math.round(x.expires - now)} s`}`
    + `${x.httpOnly ? '; HttpOnly' : ''}${x.secure ? '; Secure' : ''}`;

  for (const k of corpus.cookieCases) {
    const mine = jar.filter((x) => x.path === k.path.replace(/\/$/, ''));
    const tr = mine.filter((x) => trackerCookie(x.name));
    res.cookies[k.id] = mine.map(show);
    res.trackerCookies[k.id] = tr.map(show);
    if (!r.control) {
      check(tr.length === 0, `${runName}: cookie ${k.id}: no tracker cookie`
        + ` stored (${k.set.map((l) => JSON.stringify(l)).join(', ')})`,
      `stored: ${tr.map(show).join(' | ')}`);
      continue;
    }
    let ok;
    let want;
    if (k.chromium === null) {
      ok = mine.length === 0;
      want = 'nothing stored';
    } else {
      const [name, life] = k.chromium;
      const x = mine.find((y) => y.name === name);
      if (life === 'gone') {
        ok = !x;
        want = `${name} deleted`;
      } else if (life === 'session') {
        ok = x && x.expires === -1;
        want = `${JSON.stringify(name)} stored, a session cookie`;
      } else {
        // set while the page of the cases loaded, between t0 and t1
        ok = x && x.expires > t0 + life - 2 && x.expires < t1 + life + 2;
        want = `${JSON.stringify(name)} stored for ${life} s`;
      }
    }
    check(ok, `${runName}: cookie ${k.id}: Chromium: ${want}`
      + (k.tracker && k.chromium && k.chromium[1] !== 'gone'
        ? ' (a tracker cookie: control)' : ''),
    `stored: ${res.cookies[k.id].join(' | ') || 'nothing'}`);
    if (mine.length) {
      stored++;
    }
    if (tr.length) {
      trackers++;
    }
  }
  if (r.control) {
    note(`${runName}: ${trackers} of ${corpus.cookieCases.length} Set-Cookie `
      + `cases stored a tracker cookie, ${stored} stored a cookie`);
  }
}


// a few lines for the reader of a failing run (diagnostics, not notes)
function summary() {
  for (const [name, res] of Object.entries(results)) {
    const control = name === 'off';
    const ids = Object.keys(res.cases);
    const hit = ids.filter((id) => res.cases[id].length);
    const byGroup = new Map();
    for (const id of ids) {
      const g = id.split('/')[0];
      const [n, k] = byGroup.get(g) || [0, 0];
      byGroup.set(g, [n + (res.cases[id].length ? 1 : 0), k + 1]);
    }
    const cookies = Object.values(res.trackerCookies || {})
      .filter((v) => v.length).length;
    console.log(`summary: ${name}: ${hit.length} of ${ids.length} tag cases `
      + `made Chromium request a tracker, ${cookies} of `
      + `${Object.keys(res.cookies).length} Set-Cookie cases left a tracker `
      + `cookie${control ? ` (the control: ${corpus.cookieCases.filter((k) =>
        k.tracker && k.chromium && k.chromium[1] !== 'gone').length} do in `
        + 'Chromium)' : ''}`
      + (res.outside && res.outside.length
        ? `, ${res.outside.length} tracker requests outside the cases` : ''));
    if (!control && hit.length) {
      console.log(`summary: ${name}: by group (requested/cases): `
        + [...byGroup].filter(([, [n]]) => n)
          .map(([g, [n, k]]) => `${g} ${n}/${k}`).join(', '));
    }
  }
}

const writeResults = () => {
  if (process.env.CC_ORACLE_RESULTS) {
    writeFileSync(process.env.CC_ORACLE_RESULTS,
      JSON.stringify(results, null, 1));
  }
};

const limit = Number(process.env.CC_ORACLE_TIMEOUT) || 170;
const watchdog = setTimeout(() => {
  check(false, `the oracle test finished within ${limit} s`);
  writeResults();
  process.exitCode = 1;
  process.stdout.write('', () => process.exit(1));
}, limit * 1000);

try {
  note(`corpus: ${corpus.cases.length} HTML cases on ${corpus.pages.length} `
    + `pages, ${corpus.cookieCases.length} Set-Cookie cases; DNS: `
    + (dnsOn ? 'a server per run (127.0.77.N:53)'
      : 'none, non-local names unresolvable'));
  const todo = [];
  for (const r of config.runs) {
    for (const visitor of r.control ? ['undecided'] : r.visitors) {
      const name = r.control ? r.name : `${r.name}/${visitor}`;
      if (!only || only.includes(name) || only.includes(r.name)) {
        todo.push([r, visitor, name]);
      }
    }
  }
  await pool(todo, parallel, async ([r, visitor, name]) => {
    const t0 = Date.now();
    try {
      await run(r, visitor, name);
    } catch (x) {
      check(false, `${name}: no exception`, String(x && x.stack || x));
    }
    note(`${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  });
  summary();
} finally {
  clearTimeout(watchdog);
  writeResults();
}

// not process.exit(): stdout is a pipe, and what is still queued for it
// would be lost
process.exitCode = failed ? 1 : 0;
