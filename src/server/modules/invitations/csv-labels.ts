// The words of the "rows not invited" CSV of a mass invitation, in the requester's language: column
// names (a customer record's from the customers module) and each row's reason as the Mass invite page words it.
import { catalogue, type Language } from '../../lib/i18n.js';
import { customerCsvLabels, isCustomerCsvColumn } from '../customers/service.js';
import type { CheckedRow } from './paste.js';
import type { RowCode } from './schema.js';

const t = catalogue('invitations-csv', {
  en: {
    'column.line': 'Line',
    'column.reason': 'Reason',
    'row.missing_first_name': 'Missing first name',
    'row.name_too_long': 'Name is longer than 100 characters',
    'row.missing_email': 'Missing email',
    'row.invalid_email': 'Not a valid email: {email}',
    'row.duplicate_email': 'Duplicate of line {line}',
    'row.invalid_phone': 'Not a valid phone number: {phone}',
    'row.unknown_company': 'Unknown company: {company}',
    'row.already_member': 'Already a member',
    'row.blacklisted': 'On the blacklist of this organization',
  },
  fr: {
    'column.line': 'Ligne',
    'column.reason': 'Motif',
    'row.missing_first_name': 'Prénom manquant',
    'row.name_too_long': 'Nom de plus de 100 caractères',
    'row.missing_email': 'E-mail manquant',
    'row.invalid_email': 'E-mail non valide : {email}',
    'row.duplicate_email': 'Doublon de la ligne {line}',
    'row.invalid_phone': 'Numéro de téléphone non valide : {phone}',
    'row.unknown_company': 'Entreprise inconnue : {company}',
    'row.already_member': 'Déjà membre',
    'row.blacklisted': 'Sur la liste noire de cette organisation',
  },
});

export const NOT_INVITED_COLUMNS = ['line', 'firstName', 'lastName', 'email', 'phone', 'company', 'reason'] as const;

/** The header row of the file in `lang`. */
export function notInvitedHeader(lang: Language): string[] {
  const customer = customerCsvLabels(lang);
  return NOT_INVITED_COLUMNS.map((c) => (isCustomerCsvColumn(c) ? customer.column(c) : t(lang, `column.${c}`)));
}

/** A row's reason in `lang`, by its code; the English reason when a code has no words. */
export function rowReason(lang: Language, r: Pick<CheckedRow, 'code' | 'reason' | 'email' | 'phone' | 'company' | 'duplicateOf'>): string {
  const code: RowCode | undefined = r.code;
  if (!code) return r.reason ?? '';
  return t(lang, `row.${code}`, {
    email: r.email.slice(0, 80),
    phone: r.phone.slice(0, 40),
    company: r.company.slice(0, 100),
    // a string: a number would be formatted ("1,234")
    line: String(r.duplicateOf ?? ''),
  });
}
