// The plain page of issue 18: Huifang's customer list, search, a reached call saved and an import
// of a Huifang file, written by hand with no framework and no build step. It is the yardstick the
// benchmark (tests/e2e/baseline.rs) measures Huifang against, so it does the same work for the
// same visible result, by the simplest means a careful author would choose (README.md lists what
// it leaves out). Element ids are Huifang's, so that one measuring script serves both pages.
'use strict';

const DB_NAME = 'huifang-baseline';
/** Height of a row in CSS pixels (.crow in style.css), as in Huifang's customer list. */
const ROW_HEIGHT = 68;
/** Rows rendered beyond each edge of the window. */
const OVERSCAN = 8;
const MAX_BYTES = 64 * 1024 * 1024;
const FORMAT_VERSION = 3;
const COLLECTIONS = ['customers', 'visits', 'feedback', 'signatures', 'campaigns', 'agenda_marks', 'scripts'];
const COLLECTION_LABELS = {
  customers: '客户', visits: '回访记录', feedback: '反馈事项', signatures: '签名',
  campaigns: '活动', agenda_marks: '日程标记', scripts: '话术',
};
const TIERS = [['diamond', '钻石'], ['gold', '黄金'], ['silver', '白银'], ['basic', '基础']];
const TIER_LABEL = Object.fromEntries(TIERS);
const NEEDS = [['essential', '刚需'], ['improvement', '改善型'], ['trial', '尝鲜型']];
const NO_CONTACT_DAYS = [7, 30, 60, 90, 180];
const SORTS = [['name', '按姓名'], ['last_contact', '最久未联系在前'], ['spend', '消费最多在前']];
const METHODS = [['phone', '电话'], ['sms', '短信'], ['we_chat', '微信/社交'], ['on_site', '上门']];
const METHOD_LABEL = {
  phone: '电话', sms: '短信', email: '电子邮件', we_chat: '微信/社交', questionnaire: '在线问卷', on_site: '上门', letter: '信函',
};
const OUTCOMES = ['reached', 'no_answer', 'refused', 'rescheduled'];
const SCENARIO_LABEL = {
  activation: '新客户激活', post_purchase: '购买后回访', after_service: '服务后回访', complaint_follow_up: '投诉回访',
  care: '老客户维护', birthday: '生日关怀', holiday: '节日关怀', campaign: '升级/活动通知', incident: '重大事故回访',
  quality_sampling: '日常抽样回访', escalation: '转专属顾问跟进', sms_care: '短信关怀', feedback_closure: '问题解决告知',
  intention_check: '意向确认', manual: '自定回访', complaint_handling: '投诉跟进', feedback_due: '问题处理期限',
};

function outcomeLabel(method, outcome) {
  if (method === 'phone' && outcome === 'reached') return '已接通';
  if (method === 'phone' && outcome === 'no_answer') return '未接通';
  if (method === 'on_site' && outcome === 'reached') return '见到客户';
  if (method === 'on_site' && outcome === 'no_answer') return '未见到';
  return { reached: '已联系上', no_answer: '未回复', refused: '拒绝', rescheduled: '改约' }[outcome] || outcome;
}

// ---------- Small helpers ----------

const main = () => document.getElementById('main');
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const pad = (n) => String(n).padStart(2, '0');
const isoDate = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const isoDateTime = (d) => `${isoDate(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
const thousands = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
function money(fen) {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = thousands(Math.floor(abs / 100));
  return abs % 100 === 0 ? `${sign}¥${whole}` : `${sign}¥${whole}.${pad(abs % 100)}`;
}
/** `6月3日` in the current year, `2025年6月3日` otherwise (Huifang's format::date_auto). */
function dateAuto(iso, thisYear) {
  const [y, m, d] = iso.split('-').map(Number);
  return y === thisYear ? `${m}月${d}日` : `${y}年${m}月${d}日`;
}
function dateTime(iso) {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日 ${iso.slice(11, 16)}`;
}

let toastTimer = 0;
function toast(text) {
  const box = document.querySelector('.toasts');
  const el = document.createElement('div');
  el.className = 'toast';
  el.textContent = text;
  box.append(el);
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.remove(), 4000);
}

// ---------- Pinyin (the table of huifang::domain::pinyin, written to pinyin.js by the benchmark) ----------

let pinyinTable = null;
function pinyin() {
  if (pinyinTable) return pinyinTable;
  const table = new Map();
  const more = new Map();
  const surname = new Map();
  const source = self.PINYIN || { table: '', more: '', surname: '' };
  for (const group of source.table.split(';')) {
    const colon = group.indexOf(':');
    if (colon < 0) continue;
    const syllable = group.slice(0, colon);
    for (const ch of group.slice(colon + 1)) table.set(ch, syllable);
  }
  for (const entry of source.more.split(';')) {
    const [ch, list] = entry.split(':');
    if (list) more.set(ch, list.split(' '));
  }
  for (const entry of source.surname.split(';')) {
    const [ch, reading] = entry.split(':');
    if (reading) surname.set(ch, reading);
  }
  pinyinTable = { table, more, surname };
  return pinyinTable;
}
const reading = (c) => pinyin().table.get(c);
function readings(c) {
  const all = pinyin().more.get(c);
  if (all) return all.slice();
  const r = reading(c);
  return r ? [r] : [];
}
const surnameReading = (c) => pinyin().surname.get(c) || reading(c);

const WHITESPACE = /\s/;

/** The readings of each character, the surname reading first for the first one. */
function nameReadings(name) {
  const out = [];
  for (const c of name) {
    if (c === '·' || WHITESPACE.test(c)) continue;
    let r = readings(c);
    if (out.length === 0) {
      const s = surnameReading(c);
      if (s && r[0] !== s) r = [s, ...r.filter((x) => x !== s)];
    }
    out.push(r);
  }
  return out;
}

/** Sorts names as a phone's contact list does: `张伟` → `zhang wei `. */
function sortKey(name) {
  let key = '';
  let first = true;
  for (const c of name.trim()) {
    const r = first ? surnameReading(c) : reading(c);
    first = false;
    key += r ? r + ' ' : c.toLowerCase();
  }
  return key;
}

/** Whether `term`, from position `rest` on, spells a prefix of each reading from character `i` on. */
function pinyinFrom(rs, term, i, rest) {
  if (rest === term.length) return true;
  const options = rs[i];
  if (!options) return false;
  for (const r of options) {
    let common = 0;
    while (common < r.length && rest + common < term.length && r.charCodeAt(common) === term.charCodeAt(rest + common)) common++;
    for (let k = common; k >= 1; k--) {
      if (rest + k === term.length || pinyinFrom(rs, term, i + 1, rest + k)) return true;
    }
  }
  return false;
}

/** Whether `term` spells, from some character on, a prefix of each following reading: "zw",
    "zhangw" and "wei" all match 张伟. */
function pinyinMatches(rs, term) {
  for (let start = 0; start < rs.length; start++) if (pinyinFrom(rs, term, start, 0)) return true;
  return false;
}

/** Full-width letters and digits to half-width, then lowercase. */
const normalize = (text) =>
  text.replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).toLowerCase();

/** A phone's digits, without +86 / 0086 before a mobile number. */
function phoneKey(phone) {
  const digits = phone.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\D/g, '');
  for (const prefix of ['0086', '86']) {
    const rest = digits.startsWith(prefix) ? digits.slice(prefix.length) : null;
    if (rest && rest.length === 11 && rest.startsWith('1')) return rest;
  }
  return digits;
}

// ---------- The book in memory and its search index ----------

const emptyBook = () => ({ format: 'huifang', version: FORMAT_VERSION, settings: null,
  customers: [], visits: [], feedback: [], campaigns: [], agenda_marks: [], scripts: [] });

let db = null;
let book = emptyBook();
let today = isoDate(new Date());
/** Per customer: what the list shows and what search looks at. */
let entries = [];
let byName = [];
const query = { text: '', tier: '', need: '', tag: '', days: '', sort: 'name' };
let previous = null;

/** Open complaints: raised and not settled by an event (Huifang's unsettled_complaints with no visits). */
function openComplaint(c) {
  for (const raised of c.events) {
    if (raised.type !== 'complaint_raised') continue;
    if (!c.events.some((e) => e.type === 'complaint_settled' && e.complaint === raised.id)) return true;
  }
  return false;
}

function entryOf(c, pos, lastReached) {
  const reached = lastReached.get(c.id);
  let last = reached ? reached.slice(0, 10) : null;
  for (const p of c.purchases) if (p.date <= today && (!last || p.date > last)) last = p.date;
  for (const e of c.events) if (e.date <= today && (!last || e.date > last)) last = e.date;
  const other = normalize(`${c.email} ${c.wechat}`);
  return {
    pos, id: c.id, name: c.name, phone: c.phones[0] || null,
    tier: (c.tier_override && c.tier_override.tier) || c.tier || 'basic',
    need: c.need, tags: c.tags, lastContact: last,
    spend: c.purchases.reduce((sum, p) => sum + p.amount, 0),
    dnc: c.do_not_contact, demo: c.demo, openComplaint: openComplaint(c),
    nameLower: normalize(c.name), readings: nameReadings(c.name), phoneKeys: c.phones.map(phoneKey),
    tagsLower: c.tags.map(normalize), otherLower: other, key: sortKey(c.name),
  };
}

function buildIndex() {
  today = isoDate(new Date());
  // The latest reached visit up to today, per customer (its date-time; the date is its start).
  const lastReached = new Map();
  const endOfToday = `${today}T99`;
  for (const v of book.visits) {
    if (v.outcome !== 'reached' || v.at > endOfToday) continue;
    const seen = lastReached.get(v.customer_id);
    if (seen === undefined || v.at > seen) lastReached.set(v.customer_id, v.at);
  }
  entries = book.customers.map((c, pos) => entryOf(c, pos, lastReached));
  byName = entries.map((_, i) => i);
  byName.sort((a, b) => {
    const ka = entries[a].key, kb = entries[b].key;
    if (ka !== kb) return ka < kb ? -1 : 1;
    const na = entries[a].name, nb = entries[b].name;
    return na < nb ? -1 : na > nb ? 1 : 0;
  });
  previous = null;
}

/** A search word, with what kind of text it can match decided once. */
const compileTerm = (term) => ({ term, digits: /^[0-9]+$/.test(term), latin: /^[a-z]+$/.test(term) });

function matchesTerm(e, t) {
  const term = t.term;
  if (e.nameLower.includes(term)) return true;
  for (const tag of e.tagsLower) if (tag.includes(term)) return true;
  if (t.digits) for (const p of e.phoneKeys) if (p.includes(term)) return true;
  if (t.latin && pinyinMatches(e.readings, term)) return true;
  return e.otherLower.includes(term);
}

const filtered = (q) => q.text.trim() !== '' || q.tier || q.need || q.tag || q.days;
const sameFilters = (a, b) => a.tier === b.tier && a.need === b.need && a.tag === b.tag && a.days === b.days && a.sort === b.sort;

function search(q) {
  const terms = normalize(q.text).split(/\s+/).filter(Boolean).map(compileTerm);
  let cutoff = null;
  if (q.days) {
    const d = new Date(`${today}T00:00:00`);
    d.setDate(d.getDate() - Math.max(1, Number(q.days)) + 1);
    cutoff = isoDate(d);
  }
  const tag = q.tag ? normalize(q.tag) : '';
  const keep = (e) => {
    if ((q.tier && e.tier !== q.tier) || (q.need && e.need !== q.need) || (tag && !e.tagsLower.includes(tag))) return false;
    if (cutoff && e.lastContact && e.lastContact >= cutoff) return false;
    for (const t of terms) if (!matchesTerm(e, t)) return false;
    return true;
  };
  // Typing one more character searches within the previous results.
  const narrows = previous && q.text.startsWith(previous.q.text) && sameFilters(q, previous.q);
  let order = byName;
  if (narrows) order = previous.hits;
  else if (q.sort === 'last_contact') {
    order = byName.slice().sort((a, b) => {
      const x = entries[a].lastContact, y = entries[b].lastContact;
      return x === y ? 0 : x === null ? -1 : y === null ? 1 : x < y ? -1 : 1;
    });
  } else if (q.sort === 'spend') {
    order = byName.slice().sort((a, b) => entries[b].spend - entries[a].spend);
  }
  const hits = [];
  for (const i of order) if (keep(entries[i])) hits.push(i);
  previous = { q: { ...q }, hits };
  return hits;
}

// ---------- Storage: one value for the book, and the visits saved since ----------

function openDb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore('book');
      req.result.createObjectStore('visits');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** The book (one JSON value) and the visits saved since it was written, in one transaction. */
function loadBook() {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(['book', 'visits'], 'readonly');
    const value = tx.objectStore('book').get('book');
    const added = tx.objectStore('visits').getAll();
    tx.oncomplete = () => {
      performance.mark('baseline-read');
      const loaded = value.result ? JSON.parse(value.result) : emptyBook();
      for (const v of added.result) loaded.visits.push(JSON.parse(v));
      performance.mark('baseline-parsed');
      resolve(loaded);
    };
    tx.onerror = () => reject(tx.error);
  });
}

// ---------- Pages ----------

let rendered = null;
function route() {
  const hash = location.hash || '#/customers';
  rendered = hash;
  window.scrollTo(0, 0);
  let m;
  if ((m = hash.match(/^#\/customers\/([^/]+)\/visit$/))) renderVisitForm(decodeURIComponent(m[1]));
  else if ((m = hash.match(/^#\/customers\/([^/]+)$/))) renderCustomer(decodeURIComponent(m[1]));
  else if ((m = hash.match(/^#\/records\/([^/]+)$/))) renderRecord(decodeURIComponent(m[1]));
  else if (hash === '#/data') renderData();
  else renderCustomers();
}
function go(hash) {
  location.hash = hash;
  if (rendered !== location.hash) route();
}
addEventListener('hashchange', () => {
  if (location.hash !== rendered) route();
});

// The customer list.

function options(list, selected) {
  return list.map(([v, label]) => `<option value="${esc(v)}"${v === selected ? ' selected' : ''}>${esc(label)}</option>`).join('');
}

function tagOptions() {
  const counts = new Map();
  for (const e of entries) for (const t of e.tags) counts.set(t, (counts.get(t) || 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 60).map(([t]) => [t, t]);
}

function renderCustomers() {
  if (entries.length === 0) {
    main().innerHTML = `<header class="page-header"><h1>客户</h1></header>
      <div class="empty-state"><h2>还没有客户</h2><p>从备份文件导入客户。</p><a class="button primary" href="#/data">导入</a></div>`;
    return;
  }
  const tags = tagOptions();
  main().innerHTML = `<header class="page-header"><h1>客户<span class="count" id="customer-count"></span></h1></header>
    <div class="finder" role="search">
      <label class="search-box"><input type="search" id="customer-search" autocomplete="off" enterkeyhint="search"
        aria-label="搜索客户" placeholder="姓名、拼音首字母、电话或标签" value="${esc(query.text)}"></label>
      <div class="filters">
        <select name="tier" aria-label="全部等级">${options([['', '全部等级'], ...TIERS], query.tier)}</select>
        <select name="need" aria-label="全部类型">${options([['', '全部类型'], ...NEEDS], query.need)}</select>
        ${tags.length ? `<select name="tag" aria-label="全部标签">${options([['', '全部标签'], ...tags], query.tag)}</select>` : ''}
        <select name="days" aria-label="不限联系时间">${options([['', '不限联系时间'], ...NO_CONTACT_DAYS.map((d) => [String(d), `${d} 天未联系`])], query.days)}</select>
        <select name="sort" aria-label="排序">${options(SORTS, query.sort)}</select>
      </div>
    </div>
    <div class="vlist" id="customer-list" role="listbox" aria-label="客户"></div>
    <div class="empty-state" id="no-results" hidden><h2>没有找到客户</h2></div>`;
  document.getElementById('customer-search').addEventListener('input', (ev) => {
    query.text = ev.target.value;
    updateList();
  });
  main().querySelector('.filters').addEventListener('change', (ev) => {
    query[ev.target.name] = ev.target.value;
    updateList();
  });
  updateList();
}

let hits = [];
let range = null;

function updateList() {
  const list = document.getElementById('customer-list');
  if (!list) return;
  hits = search(query);
  const total = entries.length;
  document.getElementById('customer-count').textContent = filtered(query)
    ? `找到 ${thousands(hits.length)} 位（共 ${thousands(total)} 位）`
    : `共 ${thousands(total)} 位`;
  document.getElementById('no-results').hidden = hits.length !== 0;
  list.hidden = hits.length === 0;
  list.style.height = `${hits.length * ROW_HEIGHT}px`;
  // A new search starts at the top of its results.
  const top = list.getBoundingClientRect().top;
  if (top < 0) window.scrollTo(0, Math.max(0, window.scrollY + top - 8));
  range = null;
  renderWindow();
}

function rowHtml(k, e, thisYear) {
  const meta = [];
  if (e.phone) meta.push(e.phone);
  meta.push(e.lastContact ? `上次联系 ${dateAuto(e.lastContact, thisYear)}` : '尚未联系');
  if (e.spend > 0) meta.push(`累计消费 ${money(e.spend)}`);
  const initial = [...e.name][0] || '';
  return `<a class="crow" id="crow-${k}" role="option" href="#/customers/${encodeURIComponent(e.id)}" style="transform:translateY(${k * ROW_HEIGHT}px)">`
    + `<span class="avatar avatar-${e.tier}" aria-hidden="true">${esc(initial)}</span>`
    + `<span class="crow-main"><span class="crow-title"><span class="crow-name">${esc(e.name)}</span>`
    + `<span class="badge tier tier-${e.tier}">${TIER_LABEL[e.tier]}</span>`
    + (e.demo ? '<span class="badge demo">示例</span>' : '')
    + (e.openComplaint ? '<span class="badge complaint-open">投诉处理中</span>' : '')
    + (e.dnc ? '<span class="badge dnc">勿扰</span>' : '')
    + `</span><span class="crow-meta">${meta.map(esc).join(' · ')}</span></span></a>`;
}

/** Renders the rows between the top and the bottom of the window (plus OVERSCAN either side). */
function renderWindow() {
  const list = document.getElementById('customer-list');
  if (!list) return;
  const top = list.getBoundingClientRect().top;
  const first = Math.max(0, Math.floor(-top / ROW_HEIGHT));
  const visible = Math.ceil(window.innerHeight / ROW_HEIGHT) + 1;
  const start = Math.max(0, first - OVERSCAN);
  const end = Math.min(hits.length, first + visible + OVERSCAN);
  if (range && range[0] === start && range[1] === end) return;
  range = [start, end];
  const thisYear = Number(today.slice(0, 4));
  let html = '';
  for (let k = start; k < end; k++) html += rowHtml(k, entries[hits[k]], thisYear);
  list.innerHTML = html;
}
addEventListener('scroll', renderWindow, { passive: true });
addEventListener('resize', () => { range = null; renderWindow(); });

// A customer and their timeline.

function renderCustomer(id) {
  const c = book.customers.find((x) => x.id === id);
  if (!c) {
    main().innerHTML = '<p class="empty-state">找不到这位客户，可能已被删除。</p>';
    return;
  }
  const e = entries[book.customers.indexOf(c)];
  const items = [];
  for (const v of book.visits) {
    if (v.customer_id !== id) continue;
    items.push([v.at, `${METHOD_LABEL[v.method] || v.method} · ${outcomeLabel(v.method, v.outcome)}${v.content ? ' · ' + v.content : ''}`,
      `#/records/${encodeURIComponent(v.id)}`]);
  }
  for (const p of c.purchases) items.push([p.date, `购买 ${p.product} ${money(p.amount)}`, null]);
  for (const ev of c.events) items.push([ev.date, ev.note || ev.type, null]);
  items.sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0));
  main().innerHTML = `<nav class="crumbs"><a href="#/customers">← 客户</a></nav>
    <header class="page-header"><h1>${esc(c.name)} <span class="badge tier tier-${e.tier}">${TIER_LABEL[e.tier]}</span></h1>
      <a class="button primary" id="new-visit" href="#/customers/${encodeURIComponent(id)}/visit">新建回访</a></header>
    <section class="card"><p>${c.phones.map(esc).join(' · ')}</p><p>${esc(c.address)}</p>
      <p>${c.tags.map((t) => `<span class="badge">${esc(t)}</span>`).join(' ')}</p>
      <p>累计消费 ${money(e.spend)}</p></section>
    <section class="card"><h2>时间线</h2><ol class="timeline" id="timeline">${items
      .map(([at, text, href]) => `<li><time>${esc(at.length > 10 ? dateTime(at) : dateAuto(at, 0))}</time>${href ? `<a href="${href}">${esc(text)}</a>` : esc(text)}</li>`)
      .join('')}</ol></section>`;
}

// Logging a visit: the form, and saving it.

function renderVisitForm(id) {
  const c = book.customers.find((x) => x.id === id);
  if (!c) {
    main().innerHTML = '<p class="empty-state">找不到这位客户，可能已被删除。</p>';
    return;
  }
  const chips = (name, list, checked) => list.map(([value, label], i) =>
    `<label class="visit-chip"><input type="radio" name="${name}" id="${name}-${i}" value="${value}"${value === checked ? ' checked' : ''}><span>${esc(label)}</span></label>`).join('');
  main().innerHTML = `<nav class="crumbs"><a href="#/customers/${encodeURIComponent(id)}">← ${esc(c.name)}</a></nav>
    <header class="page-header"><h1>新建回访 · ${esc(c.name)}</h1></header>
    <form id="visit-form" class="card" novalidate>
      <h2>方式</h2><fieldset class="visit-chips">${chips('method', METHODS, 'phone')}</fieldset>
      <h2>结果</h2><fieldset class="visit-chips">${chips('outcome', OUTCOMES.map((o) => [o, outcomeLabel('phone', o)]), null)}</fieldset>
      <label>内容<textarea name="content"></textarea></label>
      <div id="visit-errors" class="errors" role="alert"></div>
      <div class="save-bar"><button class="button primary" id="save-visit" type="submit">保存</button></div>
    </form>`;
  const form = document.getElementById('visit-form');
  form.addEventListener('change', (ev) => {
    if (ev.target.name === 'method') {
      for (const [i, o] of OUTCOMES.entries()) form.querySelector(`#outcome-${i} + span`).textContent = outcomeLabel(ev.target.value, o);
    }
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    saveVisit(c, form);
  });
}

let idCounter = 0;
function saveVisit(customer, form) {
  const errors = document.getElementById('visit-errors');
  const outcome = form.querySelector('input[name=outcome]:checked');
  if (!outcome) {
    errors.textContent = '请选择回访结果';
    return;
  }
  const now = isoDateTime(new Date());
  const visit = {
    id: `v${Date.now().toString(36)}${(idCounter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`,
    rev: 1, customer_id: customer.id, item_key: null, left_open: [], scenario: 'manual',
    method: form.querySelector('input[name=method]:checked').value, at: now, outcome: outcome.value,
    content: form.elements.content.value.trim(), satisfaction: null, satisfaction_level: null, recommend: null,
    next_visit: null, agent: (book.settings && book.settings.profile && book.settings.profile.agent_name) || '',
    signature: { type: 'not_needed' }, complaint_settled: false, review: null, edits: [], demo: false,
    created_at: now, updated_at: now,
  };
  // Durable before anything is shown: memory follows storage once the transaction completes.
  const tx = db.transaction(['visits'], 'readwrite');
  tx.objectStore('visits').put(JSON.stringify(visit), visit.id);
  tx.oncomplete = () => {
    book.visits.push(visit);
    if (visit.outcome === 'reached') {
      const e = entries[book.customers.indexOf(customer)];
      const d = visit.at.slice(0, 10);
      if (e && d <= today && (!e.lastContact || d > e.lastContact)) e.lastContact = d;
      previous = null;
    }
    go(`#/records/${encodeURIComponent(visit.id)}`);
    toast('已保存');
  };
  tx.onabort = () => {
    errors.textContent = `保存失败：${tx.error}`;
  };
}

function renderRecord(id) {
  let v = null;
  for (let i = book.visits.length - 1; i >= 0; i--) {
    if (book.visits[i].id === id) {
      v = book.visits[i];
      break;
    }
  }
  if (!v) {
    main().innerHTML = '<p class="empty-state" id="record-missing">找不到这条回访记录。</p>';
    return;
  }
  const c = book.customers.find((x) => x.id === v.customer_id);
  const rows = [
    ['场景', SCENARIO_LABEL[v.scenario] || v.scenario], ['方式', METHOD_LABEL[v.method] || v.method],
    ['时间', dateTime(v.at)], ['结果', outcomeLabel(v.method, v.outcome)],
  ];
  if (v.agent) rows.push(['回访人', v.agent]);
  main().innerHTML = `<nav class="crumbs"><a href="#/customers/${encodeURIComponent(v.customer_id)}">← 返回客户</a></nav>
    <header class="page-header"><h1>回访记录 · <span id="record-customer">${esc(c ? c.name : '')}</span></h1></header>
    <section class="card record-card" id="record"><dl class="record-fields">${rows
      .map(([k, val]) => `<dt>${esc(k)}</dt><dd>${esc(val)}</dd>`).join('')}</dl>
      ${v.content ? `<h3>内容</h3><p class="record-content">${esc(v.content)}</p>` : ''}</section>`;
}

// The Data page: counts, and importing a Huifang file.

const countsText = () => `${book.customers.length} 位客户，${book.visits.length} 条回访记录，${book.feedback.length} 条反馈事项`;

function renderData() {
  main().innerHTML = `<header class="page-header"><h1>数据</h1></header>
    <section class="card"><p id="data-counts">${countsText()}</p></section>
    <section class="card"><h2>导入备份</h2>
      <label>选择文件 <input type="file" id="exchange-file" accept=".json,application/json"></label>
      <div id="exchange-result"></div></section>`;
  document.getElementById('exchange-file').addEventListener('change', (ev) => {
    const file = ev.target.files[0];
    if (file) previewImport(file);
  });
}

function refuse(problems) {
  document.getElementById('exchange-result').innerHTML =
    `<div id="exchange-problems"><p>无法导入这个文件：</p><ul>${problems.slice(0, 20).map((p) => `<li>${esc(p)}</li>`).join('')}</ul></div>`;
}

/** Reads, parses and checks a file, then shows what importing it would change. */
async function previewImport(file) {
  if (file.size > MAX_BYTES) return refuse([`文件太大（${Math.round(file.size / 1048576)} MB），最大只能导入 64 MB`]);
  let doc;
  try {
    doc = JSON.parse((await file.text()).replace(/^\uFEFF/, ''));
  } catch (error) {
    return refuse([`不是有效的 JSON：${error.message}`]);
  }
  const problems = check(doc);
  if (problems.length) return refuse(problems);
  if (signatures === null) signatures = await loadSignatures();
  const plan = {};
  for (const name of COLLECTIONS) plan[name] = compare(name, doc[name] || []);
  pending = { doc, plan };
  const rows = COLLECTIONS.filter((n) => (doc[n] || []).length).map((n) => {
    const p = plan[n];
    return `<tr><th>${COLLECTION_LABELS[n]}</th><td class="new">${p.added.length}</td><td class="same">${p.same}</td><td class="conflicting">${p.conflicting.length}</td></tr>`;
  });
  const writes = COLLECTIONS.reduce((n, c) => n + plan[c].added.length + plan[c].conflicting.length, 0);
  document.getElementById('exchange-result').innerHTML = `<div id="exchange-preview">
    <table><thead><tr><th></th><th>新增</th><th>相同</th><th>冲突（保留较新的）</th></tr></thead><tbody>${rows.join('')}</tbody></table>
    <button class="button primary" id="exchange-confirm"${writes ? '' : ' disabled'}>导入</button></div>`;
  document.getElementById('exchange-confirm').addEventListener('click', confirmImport);
}

/** The minimal checks: a Huifang file of this version, ids present and unique, references resolved. */
function check(doc) {
  const problems = [];
  if (!doc || typeof doc !== 'object' || doc.format !== 'huifang') return ['这不是回访的数据文件'];
  if (!Number.isInteger(doc.version) || doc.version < 1) return ['文件没有有效的版本号'];
  if (doc.version !== FORMAT_VERSION) return [`文件版本 ${doc.version}，本页面只读版本 ${FORMAT_VERSION}`];
  const ids = {};
  for (const name of COLLECTIONS) {
    const list = doc[name] === undefined ? [] : doc[name];
    if (!Array.isArray(list)) {
      problems.push(`${COLLECTION_LABELS[name]}不是列表`);
      continue;
    }
    const key = name === 'signatures' ? 'visit_id' : 'id';
    const seen = new Set();
    list.forEach((r, i) => {
      const id = r && r[key];
      if (typeof id !== 'string' || id === '') problems.push(`${COLLECTION_LABELS[name]}第 ${i + 1} 条没有编号`);
      else if (seen.has(id)) problems.push(`${COLLECTION_LABELS[name]}编号重复：${id}`);
      else seen.add(id);
    });
    ids[name] = seen;
  }
  if (problems.length) return problems;
  const customerIds = new Set([...ids.customers, ...book.customers.map((c) => c.id)]);
  const visitIds = new Set([...ids.visits, ...book.visits.map((v) => v.id)]);
  for (const c of doc.customers || []) {
    if (typeof c.name !== 'string' || c.name.trim() === '' || [...c.name].length > 40) problems.push(`客户 ${c.id}：姓名为空或超过 40 个字`);
  }
  for (const v of doc.visits || []) if (!customerIds.has(v.customer_id)) problems.push(`回访记录 ${v.id}：客户 ${v.customer_id} 不存在`);
  for (const f of doc.feedback || []) {
    if (!customerIds.has(f.customer_id)) problems.push(`反馈事项 ${f.id}：客户 ${f.customer_id} 不存在`);
    if (!visitIds.has(f.visit_id)) problems.push(`反馈事项 ${f.id}：回访记录 ${f.visit_id} 不存在`);
  }
  for (const s of doc.signatures || []) if (!visitIds.has(s.visit_id)) problems.push(`签名：回访记录 ${s.visit_id} 不存在`);
  for (const m of doc.agenda_marks || []) if (!customerIds.has(m.customer_id)) problems.push(`日程标记 ${m.id}：客户 ${m.customer_id} 不存在`);
  return problems;
}

let pending = null;
let signatures = null;
const withoutRev = (r) => JSON.stringify({ ...r, rev: 0 });

/** Which records are new, the same, or changed on both sides (the newer one is kept). */
function compare(name, incoming) {
  const key = name === 'signatures' ? 'visit_id' : 'id';
  const mine = name === 'signatures' ? signatures || [] : book[name] || [];
  const byId = new Map(mine.map((r) => [r[key], r]));
  const plan = { added: [], same: 0, conflicting: [] };
  for (const r of incoming) {
    const existing = byId.get(r[key]);
    if (!existing) plan.added.push(r);
    else if (withoutRev(existing) === withoutRev(r)) plan.same++;
    else if ((r.updated_at || '') > (existing.updated_at || '')) plan.conflicting.push(r);
  }
  return plan;
}

function loadSignatures() {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(['book'], 'readonly');
    const req = tx.objectStore('book').get('signatures');
    tx.oncomplete = () => resolve(req.result ? JSON.parse(req.result) : []);
    tx.onerror = () => reject(tx.error);
  });
}

/** Writes the merged book as one value (and the signatures as another) in one transaction. */
async function confirmImport() {
  const { doc, plan } = pending;
  document.getElementById('exchange-confirm').disabled = true;
  const merged = { ...book, format: 'huifang', version: FORMAT_VERSION, settings: doc.settings || book.settings };
  let written = 0;
  const mergedSignatures = { list: signatures };
  for (const name of COLLECTIONS) {
    const key = name === 'signatures' ? 'visit_id' : 'id';
    const p = plan[name];
    written += p.added.length + p.conflicting.length;
    const target = name === 'signatures' ? mergedSignatures : merged;
    const field = name === 'signatures' ? 'list' : name;
    if (p.conflicting.length) {
      const replace = new Map(p.conflicting.map((r) => [r[key], r]));
      target[field] = target[field].map((r) => replace.get(r[key]) || r);
    }
    target[field] = target[field].concat(p.added);
  }
  const tx = db.transaction(['book', 'visits'], 'readwrite');
  tx.objectStore('book').put(JSON.stringify(merged), 'book');
  tx.objectStore('book').put(JSON.stringify(mergedSignatures.list), 'signatures');
  // The saved visits are in the book now.
  tx.objectStore('visits').clear();
  tx.oncomplete = () => {
    book = merged;
    signatures = mergedSignatures.list;
    pending = null;
    buildIndex();
    document.getElementById('data-counts').textContent = countsText();
    document.getElementById('exchange-result').innerHTML = '';
    toast(`已导入 ${written} 条记录`);
  };
  tx.onabort = () => {
    document.getElementById('exchange-result').innerHTML = `<p id="exchange-failed" class="errors">导入失败，什么都没有写入：${esc(tx.error)}</p>`;
  };
}

// ---------- Start ----------

openDb()
  .then((opened) => {
    db = opened;
    return loadBook();
  })
  .then((loaded) => {
    book = loaded;
    buildIndex();
    performance.mark('baseline-indexed');
    route();
    performance.mark('baseline-drawn');
    // Shown: the boot marker goes (the benchmark's "interactive" waits for .loading to go).
    document.getElementById('boot').remove();
  })
  .catch((error) => {
    document.getElementById('boot').remove();
    main().innerHTML = `<p class="errors">无法读取数据：${esc(error)}</p>`;
  });
