// The words of a customer record in the requester's language, for every CSV that shows one (the customers
// export, the users report, the mass invitation's rows not invited): column names and the labels the
// Customers page shows for types, statuses and sources (never the API's codes).
import { catalogue, type Language } from '../../lib/i18n.js';
import type { Customer } from '../../db/schema.js';

const en = {
  'column.firstName': 'First name',
  'column.lastName': 'Last name',
  'column.email': 'Email',
  'column.phone': 'Phone',
  'column.type': 'Type',
  'column.status': 'Status',
  'column.company': 'Company',
  'column.source': 'Source',
  'column.createdAt': 'Created at',
  'column.lastActiveAt': 'Last active at',
  'column.plan': 'Plan',
  'column.companyManager': 'Company manager',
  'column.activated': 'Activated',
  'column.removedAt': 'Removed at',
  'type.member': 'Member',
  'type.nonmember': 'Nonmember',
  'status.invited': 'Invited',
  'status.active': 'Active',
  'status.removed': 'Removed',
  'source.invitation': 'Invitation',
  'source.mass_invitation': 'Mass invitation',
  'source.join_request': 'Join request',
  'source.manual': 'Added by hand',
  'source.reception': 'Reception',
  'source.purchase': 'First purchase',
  'source.self_sign_up': 'Signed up for a plan',
  'source.transfer': 'Transfer',
  yes: 'Yes',
  no: 'No',
};
type Key = keyof typeof en;

const t = catalogue<Key>('customers-csv', {
  en,
  fr: {
    'column.firstName': 'Prénom',
    'column.lastName': 'Nom',
    'column.email': 'E-mail',
    'column.phone': 'Téléphone',
    'column.type': 'Type',
    'column.status': 'Statut',
    'column.company': 'Entreprise',
    'column.source': 'Origine',
    'column.createdAt': 'Créé le',
    'column.lastActiveAt': 'Dernière activité',
    'column.plan': 'Formule',
    'column.companyManager': "Responsable de l'entreprise",
    'column.activated': 'Activé',
    'column.removedAt': 'Retiré le',
    'type.member': 'Membre',
    'type.nonmember': 'Non-membre',
    'status.invited': 'Invité',
    'status.active': 'Actif',
    'status.removed': 'Retiré',
    'source.invitation': 'Invitation',
    'source.mass_invitation': 'Invitation groupée',
    'source.join_request': "Demande d'adhésion",
    'source.manual': 'Ajouté à la main',
    'source.reception': 'Accueil',
    'source.purchase': 'Premier achat',
    'source.self_sign_up': 'Inscription à une formule',
    'source.transfer': 'Transfert',
    yes: 'Oui',
    no: 'Non',
  },
});

type Column<K extends string> = K extends `column.${infer C}` ? C : never;
export type CustomerCsvColumn = Column<Key>;
const COLUMNS = new Set(Object.keys(en).flatMap((k) => (k.startsWith('column.') ? [k.slice('column.'.length)] : [])));

/** Whether a column name is one of a customer record's, worded here. */
export const isCustomerCsvColumn = (c: string): c is CustomerCsvColumn => COLUMNS.has(c);

/** The labels of a customer's fields in one language, as the Customers page words them. */
export function customerCsvLabels(lang: Language) {
  return {
    column: (c: CustomerCsvColumn) => t(lang, `column.${c}`),
    type: (v: Customer['type']) => t(lang, `type.${v}`),
    status: (v: Customer['status']) => t(lang, `status.${v}`),
    source: (v: Customer['source']) => t(lang, `source.${v}`),
    yesNo: (v: boolean) => t(lang, v ? 'yes' : 'no'),
  };
}
