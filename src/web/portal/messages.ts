// Messages of the portal's frame, shared by its modules: app name, sign-in page, navigation, badges, code field, not found.
import { defineMessages } from '../lib/i18n';

export const portalMessages = {
  en: {
    appName: 'Atrium',
    'signIn.title': 'Sign in to Atrium',
    'signIn.intro': 'Enter your email and we send you a 6-digit code. No password needed.',
    'nav.label': 'Main navigation',
    'nav.home': 'Home',
    'nav.book': 'Book',
    'nav.company': 'Company',
    'nav.billing': 'Billing',
    'nav.profile': 'Profile',
    'type.member': 'Member',
    'type.nonmember': 'Nonmember',
    'status.invited': 'Invited',
    'status.active': 'Active',
    'status.removed': 'Removed',
    'code.label': 'Code',
    'code.help': 'Paste or type the 6 digits from the email. The code works once and expires after 10 minutes.',
    'code.invalid': 'Enter the 6 digits from the email',
    'notFound.title': 'Page not found',
    'notFound.home': 'Go to the home page',
  },
  fr: {
    appName: 'Atrium',
    'signIn.title': 'Connexion à Atrium',
    'signIn.intro': 'Saisissez votre adresse e-mail : nous vous envoyons un code à 6 chiffres. Pas besoin de mot de passe.',
    'nav.label': 'Navigation principale',
    'nav.home': 'Accueil',
    'nav.book': 'Réserver',
    'nav.company': 'Entreprise',
    'nav.billing': 'Facturation',
    'nav.profile': 'Profil',
    'type.member': 'Membre',
    'type.nonmember': 'Non-membre',
    'status.invited': 'Invité',
    'status.active': 'Actif',
    'status.removed': 'Retiré',
    'code.label': 'Code',
    'code.help': 'Collez ou saisissez les 6 chiffres reçus par e-mail. Le code ne sert qu’une fois et expire après 10 minutes.',
    'code.invalid': 'Saisissez les 6 chiffres reçus par e-mail',
    'notFound.title': 'Page introuvable',
    'notFound.home': 'Aller à l’accueil',
  },
};

export const tPortal = defineMessages('portal', portalMessages);
