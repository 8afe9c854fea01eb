// Locale-aware formatting through the browser's Intl: no locale data in the bundle.
// Formatters are costly to create, so each is made once per language and kind.

const formatters = new Map();

function formatter(kind, language, make) {
  const key = kind + '|' + language;
  let made = formatters.get(key);
  if (!made) {
    made = make();
    formatters.set(key, made);
  }
  return made;
}

export function crm_format_relative(language, value, unit) {
  return formatter('relative', language, () => new Intl.RelativeTimeFormat(language, { numeric: 'auto', style: 'short' })).format(value, unit);
}

export function crm_format_date_time(language, epochMilliseconds) {
  return formatter('datetime', language, () => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' })).format(new Date(epochMilliseconds));
}

export function crm_format_date(language, epochMilliseconds) {
  return formatter('date', language, () => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' })).format(new Date(epochMilliseconds));
}

// `decimal` is an exact decimal string; Intl formats strings without going through
// a binary float, so no digit is lost.
export function crm_format_decimal(language, decimal) {
  return formatter('decimal', language, () => new Intl.NumberFormat(language, { maximumFractionDigits: 20 })).format(decimal);
}

export function crm_format_money(language, currency, decimal, fractionDigits) {
  return formatter('money:' + currency + ':' + fractionDigits, language, () => new Intl.NumberFormat(language, {
    style: 'currency',
    currency,
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  })).format(decimal);
}

export function crm_region_name(language, code) {
  try {
    return formatter('region', language, () => new Intl.DisplayNames(language, { type: 'region', fallback: 'code' })).of(code) || code;
  } catch {
    return code;
  }
}

export function crm_language_name(language, code) {
  try {
    return formatter('language', language, () => new Intl.DisplayNames(language, { type: 'language', fallback: 'code' })).of(code) || code;
  } catch {
    return code;
  }
}

export function crm_format_percent(language, value) {
  return formatter('percent', language, () => new Intl.NumberFormat(language, { style: 'percent' })).format(value / 100);
}
