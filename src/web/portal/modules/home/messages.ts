// Messages of the portal's home page (the person's locations).
import { defineMessages } from '../../../lib/i18n';

export const homeMessages = {
  en: {
    title: 'My locations',
    empty: 'You are not a member of any location yet',
    emptyHelp: 'When a location invites you, or approves your request to join, it appears here.',
    adminApp: 'Admin app',
    removed: 'You no longer have access to {location}',
    removedHelp: 'An administrator of this location ended your membership. Your history stays; ask them if you think this is a mistake.',
    companyLink: '{company}: company page',
    others: 'Other locations',
  },
  fr: {
    title: 'Mes sites',
    empty: 'Vous n’êtes membre d’aucun site pour l’instant',
    emptyHelp: 'Quand un site vous invite, ou accepte votre demande d’adhésion, il apparaît ici.',
    adminApp: 'Espace administrateur',
    removed: 'Vous n’avez plus accès à {location}',
    removedHelp:
      'Un administrateur de ce site a mis fin à votre adhésion. Votre historique est conservé ; contactez-le si vous pensez qu’il s’agit d’une erreur.',
    companyLink: '{company} : page de l’entreprise',
    others: 'Autres sites',
  },
};

export const t = defineMessages('portal.home', homeMessages);
