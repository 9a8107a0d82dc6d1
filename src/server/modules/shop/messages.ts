// The shop's emails (order confirmation and cancellation) and the words an order writes on its
// invoice, in every language.
export const messages = {
  en: {
    viewOrders: 'See my orders',
    lineWords: '{name} × {quantity}',
    confirmedSubject: 'Order #{number} at {location_name}',
    confirmedBody: 'Thank you for your order #{number} at {location_name}: {lines}.',
    paidWith:
      '{method, select, credits {Paid with {credits, plural, one {# credit} other {# credits}}.} invoice {An invoice of {price} follows.} card {Paid by card: {price}.} other {It is free.}}',
    granted: 'Added to your balance: {what}.',
    canceledSubject: 'Order #{number} canceled',
    canceledBody: 'Your order #{number} at {location_name} was canceled.',
    refunded: 'Refunded: {what}.',
    notRefunded: 'Nothing was refunded.',
    creditsCount: '{n, plural, one {# credit} other {# credits}}',
    dayPassesCount: '{n, plural, one {# day pass} other {# day passes}}',
    nothingToRefund: 'nothing was spent',
    cancelCreditReason: 'Order #{number} canceled',
  },
  fr: {
    viewOrders: 'Voir mes commandes',
    lineWords: '{name} × {quantity}',
    confirmedSubject: 'Commande n° {number} à {location_name}',
    confirmedBody: 'Merci pour votre commande n° {number} à {location_name} : {lines}.',
    paidWith:
      '{method, select, credits {Payée avec {credits, plural, one {# crédit} other {# crédits}}.} invoice {Une facture de {price} suit.} card {Payée par carte : {price}.} other {Elle est gratuite.}}',
    granted: 'Ajouté à votre solde : {what}.',
    canceledSubject: 'Commande n° {number} annulée',
    canceledBody: 'Votre commande n° {number} à {location_name} a été annulée.',
    refunded: 'Remboursé : {what}.',
    notRefunded: 'Rien n’a été remboursé.',
    creditsCount: '{n, plural, one {# crédit} other {# crédits}}',
    dayPassesCount: '{n, plural, one {# pass journée} other {# pass journée}}',
    nothingToRefund: 'rien n’avait été dépensé',
    cancelCreditReason: 'Commande n° {number} annulée',
  },
};
