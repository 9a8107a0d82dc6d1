// Messages of the shared widgets (loading, error alert, sign-in flow, account and language menus, confirmation).
import { defineMessages } from '../lib/i18n';

export const uiMessages = {
  en: {
    loading: 'Loading',
    'error.title': 'Something went wrong',
    'error.retry': 'Try again',
    /** The sign-in page's heading when a link of one operator opened it. */
    'signIn.titleAt': 'Sign in to {name}',
    'signIn.email': 'Email',
    'signIn.emailInvalid': 'Enter an email address, like pat@example.com',
    'signIn.sendCode': 'Send code',
    'signIn.codeSent': 'We sent a 6-digit code to {email}',
    'signIn.codeHelp': 'Paste or type the code from the email. It works once and expires soon.',
    'signIn.code': 'Code',
    'signIn.codeInvalid': 'Enter the 6 digits from the email',
    'signIn.signIn': 'Sign in',
    'signIn.otherEmail': 'Use a different email',
    'signIn.resend': 'Send a new code',
    'signIn.resent': 'We sent a new code. Use the newest one.',
    /** The account button where it shows the person's name (its label must contain what it shows). */
    'account.menuOf': '{name}, account menu',
    'account.signOut': 'Sign out',
    /** The language menu's button, read before it opens. */
    'language.current': 'Language: {language} – {code}',
    'confirm.cancel': 'Cancel',
    saved: 'Saved',
    /** The browser tab's title: the page's heading, then the location or organization it belongs to. */
    documentTitle: '{page} · {place}',
    close: 'Close',
    /** The landmark that holds open menus, option lists, dialogs and notifications (they show above the page). */
    popups: 'Menus, dialogs and notifications',
  },
  fr: {
    loading: 'Chargement',
    'error.title': 'Un problème est survenu',
    'error.retry': 'Réessayer',
    'signIn.titleAt': 'Connexion à {name}',
    'signIn.email': 'E-mail',
    'signIn.emailInvalid': 'Saisissez une adresse e-mail, par exemple pat@example.com',
    'signIn.sendCode': 'Envoyer le code',
    'signIn.codeSent': 'Nous avons envoyé un code à 6 chiffres à {email}',
    'signIn.codeHelp': 'Collez ou saisissez le code reçu par e-mail. Il ne sert qu’une fois et expire vite.',
    'signIn.code': 'Code',
    'signIn.codeInvalid': 'Saisissez les 6 chiffres reçus par e-mail',
    'signIn.signIn': 'Se connecter',
    'signIn.otherEmail': 'Utiliser une autre adresse e-mail',
    'signIn.resend': 'Envoyer un nouveau code',
    'signIn.resent': 'Nous avons envoyé un nouveau code. Utilisez le plus récent.',
    'account.menuOf': '{name}, menu du compte',
    'account.signOut': 'Se déconnecter',
    'language.current': 'Langue : {language} – {code}',
    'confirm.cancel': 'Annuler',
    saved: 'Enregistré',
    documentTitle: '{page} · {place}',
    close: 'Fermer',
    popups: 'Menus, fenêtres et notifications',
  },
};

export const tUi = defineMessages('ui', uiMessages);
