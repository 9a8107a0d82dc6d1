// Calendar days for billing forms: today in the location's time zone, as the API's YYYY-MM-DD.

export function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
