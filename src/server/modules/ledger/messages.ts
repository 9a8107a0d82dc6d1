// The email about credits or day passes an administrator adjusted, in every language.
export const messages = {
  en: {
    adjustedSubject: 'Your {unit, select, credit {credits} other {day passes}} at {location_name}',
    adjustedBody:
      '{amount, plural, one {# {unit, select, credit {credit} other {day pass}} was} other {# {unit, select, credit {credits} other {day passes}} were}} {direction, select, added {added to} other {taken from}} {owner, select, company {the balance of {company}} other {your balance}} at {location_name}.',
    adjustedReason: 'The reason given: {memo}',
    adjustedBalance:
      'The balance is now {balance, plural, one {# {unit, select, credit {credit} other {day pass}}} other {# {unit, select, credit {credits} other {day passes}}}}.',
  },
  fr: {
    adjustedSubject: 'Vos {unit, select, credit {crédits} other {pass journée}} à {location_name}',
    adjustedBody:
      '{amount, plural, one {# {unit, select, credit {crédit a été} other {pass journée a été}}} other {# {unit, select, credit {crédits ont été} other {pass journée ont été}}}} {direction, select, added {ajouté(s) {owner, select, company {au solde de {company}} other {à votre solde}}} other {retiré(s) {owner, select, company {du solde de {company}} other {de votre solde}}}} à {location_name}.',
    adjustedReason: 'Motif indiqué : {memo}',
    adjustedBalance:
      'Le solde est maintenant de {balance, plural, one {# {unit, select, credit {crédit} other {pass journée}}} other {# {unit, select, credit {crédits} other {pass journée}}}}.',
  },
};
