// The webhook email: an endpoint turned off by Atrium, to the organization's owner, in every language.
export const messages = {
  en: {
    disabledSubject: 'Webhook turned off: {url}',
    disabledGone: 'Atrium turned off the webhook {url}: it answered 410 Gone, which means it no longer wants deliveries.',
    disabledFailing: 'Atrium turned off the webhook {url}: every delivery to it has failed for 5 days.',
    disabledNext: 'Check the receiver, then turn the webhook back on in Settings > Webhooks and replay what it missed.',
    openWebhooks: 'Open the webhooks',
  },
  fr: {
    disabledSubject: 'Webhook désactivé : {url}',
    disabledGone: 'Atrium a désactivé le webhook {url} : il a répondu 410 Gone, ce qui signifie qu’il ne veut plus de livraisons.',
    disabledFailing: 'Atrium a désactivé le webhook {url} : toutes les livraisons échouent depuis 5 jours.',
    disabledNext: 'Vérifiez le récepteur, puis réactivez le webhook dans Paramètres > Webhooks et rejouez ce qu’il a manqué.',
    openWebhooks: 'Ouvrir les webhooks',
  },
};
