// Time zones and sensible defaults taken from the browser, for location forms.
export function defaultTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Every IANA zone the browser knows, plus UTC and the browser's own zone, which some browsers leave out of the list. */
export function timeZones(): string[] {
  return [...new Set(['UTC', defaultTimeZone(), ...Intl.supportedValuesOf('timeZone')])].sort();
}

/** The region of the browser's language ("de-AT" gives "AT"), or empty. */
export function defaultCountry(): string {
  try {
    return new Intl.Locale(navigator.language).maximize().region ?? '';
  } catch {
    return '';
  }
}
