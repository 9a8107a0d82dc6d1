// The ticket emails (confirmation with its calendar file, the holder's cancel, the event's cancel)
// and the words a ticket writes on its invoice, in every language.
export const messages = {
  en: {
    invoiceLine: 'Ticket: {event}, {date}',
    viewTickets: 'See my tickets',
    ticketSubject: 'Your ticket: {event} on {date}',
    ticketBody: 'Your ticket for {event} at {location_name} is confirmed: {date}, {from} to {to}.',
    place: 'Where: {place}.',
    code: 'Your ticket code is {code}. Show its QR code (under My tickets) or tell the code at the door.',
    paidWith:
      '{method, select, credits {Paid with {credits, plural, one {# credit} other {# credits}}.} invoice {An invoice of {price} follows.} card {Paid by card: {price}.} other {It is free.}}',
    refundRule: 'Cancel before {deadline} and what you paid comes back.',
    canceledSubject: 'Ticket canceled: {event}',
    canceledBody: 'Your ticket for {event} at {location_name} on {date} was canceled.',
    eventCanceledSubject: 'Event canceled: {event} on {date}',
    eventCanceledBody: '{event} at {location_name} on {date}, {from} to {to}, is canceled. We are sorry.',
    refunded: 'Refunded: {what}.',
    notRefunded: 'It was canceled less than {hours, plural, one {# hour} other {# hours}} before the start, so nothing was refunded.',
    creditsCount: '{n, plural, one {# credit} other {# credits}}',
    nothingToRefund: 'nothing was spent',
    cancelCreditReason: 'Ticket canceled: {event}, {date}',
  },
  fr: {
    invoiceLine: 'Billet : {event}, {date}',
    viewTickets: 'Voir mes billets',
    ticketSubject: 'Votre billet : {event} le {date}',
    ticketBody: 'Votre billet pour {event} à {location_name} est confirmé : {date}, de {from} à {to}.',
    place: 'Lieu : {place}.',
    code: 'Le code de votre billet est {code}. Montrez son QR code (dans Mes billets) ou donnez le code à l’entrée.',
    paidWith:
      '{method, select, credits {Payé avec {credits, plural, one {# crédit} other {# crédits}}.} invoice {Une facture de {price} suit.} card {Payé par carte : {price}.} other {Il est gratuit.}}',
    refundRule: 'Annulez avant le {deadline} et ce que vous avez payé vous est rendu.',
    canceledSubject: 'Billet annulé : {event}',
    canceledBody: 'Votre billet pour {event} à {location_name} le {date} a été annulé.',
    eventCanceledSubject: 'Événement annulé : {event} le {date}',
    eventCanceledBody: '{event} à {location_name} le {date}, de {from} à {to}, est annulé. Nous en sommes désolés.',
    refunded: 'Remboursé : {what}.',
    notRefunded: 'Il a été annulé moins de {hours, plural, one {# heure} other {# heures}} avant le début : rien n’a été remboursé.',
    creditsCount: '{n, plural, one {# crédit} other {# crédits}}',
    nothingToRefund: 'rien n’avait été dépensé',
    cancelCreditReason: 'Billet annulé : {event}, {date}',
  },
};
