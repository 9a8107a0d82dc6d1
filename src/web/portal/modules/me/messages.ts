// Messages of the portal's profile page.
import { defineMessages } from '../../../lib/i18n';

export const profileMessages = {
  en: {
    title: 'Profile',
    name: 'Name',
    firstName: 'First name',
    lastName: 'Last name',
    email: 'Email',
    emailHelp: 'Your email signs you in. To change it, ask an administrator of your location.',
    phone: 'Phone',
    phoneHelp: 'Optional. Administrators of your locations see it.',
    phoneInvalid: 'Enter a valid phone number',
    required: 'Enter your first name',
    save: 'Save changes',
    saved: 'Your profile is saved',
    signOut: 'Sign out',
  },
  fr: {
    title: 'Profil',
    name: 'Nom',
    firstName: 'Prénom',
    lastName: 'Nom',
    email: 'E-mail',
    emailHelp: 'Votre adresse e-mail sert à vous connecter. Pour la changer, demandez à un administrateur de votre site.',
    phone: 'Téléphone',
    phoneHelp: 'Facultatif. Les administrateurs de vos sites le voient.',
    phoneInvalid: 'Saisissez un numéro de téléphone valide',
    required: 'Saisissez votre prénom',
    save: 'Enregistrer',
    saved: 'Votre profil est enregistré',
    signOut: 'Se déconnecter',
  },
};

export const t = defineMessages('portal.me', profileMessages);
