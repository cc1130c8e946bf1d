/*
 * nginx-cookie-consent: the banner's script (progressive enhancement).
 *
 * Without it the banner is a plain form: it posts to the endpoint, which
 * answers 303 back to the page, and "Settings" (the third, equal button)
 * opens the endpoint's preferences page.  With it:
 * - "Settings" unfolds the categories in place (folded by the stylesheet
 *   from the first paint, so nothing moves when this script arrives),
 *   each with the list of its cookies (fetched from the preferences
 *   page), and becomes "Save choices";
 * - a decision is posted as JSON with fetch() and the page stays;
 * - elements neutralised by the module (type="text/plain",
 *   data-category="...", maybe data-service="...", URL in data-src /
 *   data-href) of the categories or services now granted come back to
 *   life without a reload;
 * - the banner goes, the "Cookie settings" control appears; the focus
 *   goes back where it came from, else to that control;
 * - a gtag() on the page gets the Google Consent Mode v2 update;
 * - "Allow" in a blocked embed's placeholder grants its category;
 * - with a wall (cookie_consent_banner_layout modal wall) the rest of the
 *   page is inert until a choice.
 * When fetch() fails, the form is posted the plain way.
 *
 * ES2017, no dependencies.  Served as <endpoint>/banner.js.
 */
(() => {
  'use strict';

  const d = document;
  const me = d.currentScript;
  const banner = d.getElementById('ccm-banner');
  const reopen = d.getElementById('ccm-reopen');
  const form = banner && banner.querySelector('form');
  let busy = false;
  let back = null;

  // POST a decision as JSON, resolve to the new state
  const post = async (url, body) => {
    const r = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {'Content-Type': 'application/json', Accept: 'application/json'},
      body: JSON.stringify(body)
    });
    const s = r.ok && await r.json();
    if (!s || !Array.isArray(s.categories)) {
      throw new Error('consent: ' + r.status);
    }
    return s;
  };

  // bring back the neutralised elements of the granted categories and
  // services (their names never meet)
  const revive = (granted) => {
    const ok = (c) => granted.indexOf(c) >= 0;

    for (const el of d.querySelectorAll('[data-category]')) {
      const type = el.getAttribute('data-type');
      const inert = el.getAttribute('type') === 'text/plain';

      if (!ok(el.getAttribute('data-category'))
        && !ok(el.getAttribute('data-service'))) {
        continue;
      }

      if (el.tagName === 'SCRIPT') {
        if (!inert) {
          continue;
        }
        const s = d.createElement('script');
        for (const a of el.attributes) {
          if (!/^(type|nonce|src|data-(category|service|src|type))$/.test(a.name)) {
            s.setAttribute(a.name, a.value);
          }
        }
        if (type) {
          s.type = type;
        }
        const src = el.getAttribute('data-src');
        if (src) {
          // in document order, unless it was async
          s.async = el.hasAttribute('async');
          s.src = src;
        } else {
          s.text = el.text;
        }
        s.nonce = el.nonce || (me && me.nonce) || '';
        el.replaceWith(s);
        continue;
      }

      const urls = ['src', 'href', 'srcset', 'poster']
        .filter((k) => el.hasAttribute('data-' + k));
      if (!urls.length && !inert) {
        continue;
      }
      for (const k of urls) {
        el.setAttribute(k, el.getAttribute('data-' + k));
        el.removeAttribute('data-' + k);
      }
      if (type) {
        el.setAttribute('type', type);
      } else if (inert) {
        el.removeAttribute('type');
      }
      el.removeAttribute('data-type');
      el.removeAttribute('data-category');
      el.removeAttribute('data-service');
    }

    // a placeholder goes with the inertness of its embed, right after it
    for (const p of d.querySelectorAll('.ccm-placeholder')) {
      const e = p.nextElementSibling;
      if (!e || !e.hasAttribute('data-category')) {
        p.remove();
      }
    }
  };

  // Google Consent Mode v2, when the page has gtag(): false when not
  const gcm = (granted) => {
    if (typeof window.gtag !== 'function') {
      return false;
    }
    const v = (c) => (granted.indexOf(c) >= 0 ? 'granted' : 'denied');
    const a = v('analytics');
    const m = v('marketing');
    const p = v('preferences');
    window.gtag('consent', 'update', {
      analytics_storage: a,
      ad_storage: m,
      ad_user_data: m,
      ad_personalization: m,
      functionality_storage: p,
      personalization_storage: p,
      security_storage: 'granted'
    });
    return true;
  };

  // a wall (a modal that blocks the page): the rest of the page is inert
  // until a choice, the focus in the dialog
  const walled = [];
  if (banner && banner.classList.contains('ccm-wall')) {
    for (const e of d.body.children) {
      if (e !== banner && !e.inert) {
        e.inert = true;
        walled.push(e);
      }
    }
    banner.focus();
  }

  // a decision was stored: the banner goes, focus moves to "to"
  const done = (state, to) => {
    const c = state.categories;
    if (banner) {
      banner.hidden = true;
    }
    walled.forEach((e) => {
      e.inert = false;
    });
    if (reopen) {
      reopen.hidden = false;
    }
    // the update before revived tags run; after, if they define gtag()
    const sent = gcm(c);
    revive(c.concat(state.services));
    if (!sent) {
      gcm(c);
    }
    if (to && to.isConnected && !to.hidden) {
      to.focus();
    }
  };

  if (form) {
    // a button named "action" hides form.action: read the attribute
    const url = form.getAttribute('action');
    const save = form.querySelector('button[value=save]');
    const alt = save && save.getAttribute('data-alt');
    let clicked = null;
    let listed = false;

    // under each category its cookies, from the preferences page in the
    // banner's language (category names are a-z, 0-9 and _); without
    // them, the categories as they are
    const cookies = () => fetch(url + '?lang=' + banner.lang)
      .then((r) => r.ok && r.text())
      .then((t) => {
        for (const e of new DOMParser().parseFromString(t || '', 'text/html')
          .querySelectorAll('.ccm-cookies')) {
          const i = form.querySelector('[value="' + e.dataset.ccmCat + '"]');
          if (i) {
            i.parentNode.after(e);
          }
        }
      }, () => {});

    // attributes only: the layout stays as painted
    banner.classList.add('ccm-js');
    if (alt) {
      save.setAttribute('aria-controls', 'ccm-cats');
      save.setAttribute('aria-expanded', 'false');
    }

    banner.addEventListener('focusin', (e) => {
      const t = e.relatedTarget;
      if (t && !banner.contains(t)) {
        back = t;
      }
    });

    form.addEventListener('click', (e) => {
      clicked = e.target.closest('button') || clicked;
    });

    form.addEventListener('submit', async (e) => {
      const b = e.submitter || clicked;
      const action = (b && b.value) || 'save';
      e.preventDefault();
      if (busy) {
        return;
      }

      // "Settings" first unfolds the categories, then saves them
      if (action === 'save' && alt && !banner.classList.contains('ccm-open')) {
        banner.classList.add('ccm-open');
        if (!listed) {
          listed = true;
          cookies();
        }
        save.textContent = alt;
        save.setAttribute('aria-expanded', 'true');
        const c = form.querySelector('input[type=checkbox]:not([disabled])');
        if (c) {
          c.focus();
        }
        return;
      }

      busy = true;
      // the boxes ticked: categories, and services chosen one by one
      const pick = (n) => action !== 'save' ? [] : Array.from(
        form.querySelectorAll('input[name=' + n + ']:checked'), (i) => i.value);
      try {
        // back where the focus came from, else to "Cookie settings"
        done(await post(url, {action, categories: pick('category'),
          services: pick('service')}),
          (back && back.isConnected) ? back : reopen);
      } catch (x) {
        // the plain form post, as without this script
        const h = d.createElement('input');
        h.type = 'hidden';
        h.name = 'action';
        h.value = action;
        form.appendChild(h);
        HTMLFormElement.prototype.submit.call(form);
      }
      busy = false;
    });
  }

  // "Allow" in a placeholder: add its category (or service) to the stored
  // ones
  d.addEventListener('click', async (e) => {
    const a = e.target.closest && e.target.closest('a[data-ccm-allow]');
    if (!a || busy) {
      return;
    }
    e.preventDefault();
    busy = true;
    const url = a.href.split('?')[0];
    const p = a.closest('.ccm-placeholder');
    const next = p && p.nextElementSibling;
    try {
      const r = await fetch(url, {
        credentials: 'same-origin',
        headers: {Accept: 'application/json'}
      });
      const s = r.ok && await r.json();
      // a category or a service (their names never meet: the endpoint
      // takes each where it belongs); the services chosen so far stay
      const x = a.getAttribute('data-ccm-allow');
      done(await post(url, {action: 'save',
        categories: ((s && s.categories) || []).concat(x),
        services: ((s && s.services) || []).concat(x)}), next);
    } catch (x) {
      location.href = a.href;
    }
    busy = false;
  });
})();
