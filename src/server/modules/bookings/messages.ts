// The booking emails and the words a booking writes on its invoice, in every language.
export const messages = {
  en: {
    invoiceLine: '{resource}, {date} {from}–{to}',
    viewBookings: 'See my bookings',
    confirmedSubject: 'Booked: {resource} on {date}',
    confirmedBody: 'Your booking of {resource} at {location_name} is confirmed: {date}, {from} to {to}.',
    paidWith:
      '{method, select, credits {Paid with {credits, plural, one {# credit} other {# credits}}.} day_pass {Paid with a day pass.} invoice {An invoice of {price} follows.} card {Paid by card: {price}.} other {It is free.}}',
    cancelRule: 'Cancel before {deadline} for a full refund.',
    reminderSubject: 'Reminder: {resource} at {from} today',
    reminderBody: 'A reminder of your booking of {resource} at {location_name}: {date}, {from} to {to}.',
    canceledSubject: 'Canceled: {resource} on {date}',
    canceledBody: 'Your booking of {resource} at {location_name} on {date}, {from} to {to}, was canceled.',
    refunded: 'Refunded: {what}.',
    notRefunded: 'It was canceled less than {hours, plural, one {# hour} other {# hours}} before the start, so nothing was refunded.',
  },
  fr: {
    invoiceLine: '{resource}, {date} {from}–{to}',
    viewBookings: 'Voir mes réservations',
    confirmedSubject: 'Réservé : {resource} le {date}',
    confirmedBody: 'Votre réservation de {resource} à {location_name} est confirmée : {date}, de {from} à {to}.',
    paidWith:
      '{method, select, credits {Payée avec {credits, plural, one {# crédit} other {# crédits}}.} day_pass {Payée avec un pass journée.} invoice {Une facture de {price} suit.} card {Payée par carte : {price}.} other {Elle est gratuite.}}',
    cancelRule: 'Annulez avant le {deadline} pour être remboursé entièrement.',
    reminderSubject: 'Rappel : {resource} à {from} aujourd’hui',
    reminderBody: 'Un rappel de votre réservation de {resource} à {location_name} : {date}, de {from} à {to}.',
    canceledSubject: 'Annulé : {resource} le {date}',
    canceledBody: 'Votre réservation de {resource} à {location_name} le {date}, de {from} à {to}, a été annulée.',
    refunded: 'Remboursé : {what}.',
    notRefunded: 'Elle a été annulée moins de {hours, plural, one {# heure} other {# heures}} avant le début : rien n’a été remboursé.',
  },
};
