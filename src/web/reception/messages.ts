// Messages of the reception tablet.
import { defineMessages } from '../lib/i18n';

export const receptionMessages = {
  en: {
    appTitle: 'Atrium reception',
    'notPaired.title': 'This tablet is not paired yet',
    'notPaired.body': 'An administrator pairs it with a location from the Atrium admin app. Once paired, visitors can check in and leave their contacts here.',
  },
  fr: {
    appTitle: 'Accueil Atrium',
    'notPaired.title': 'Cette tablette n’est pas encore associée',
    'notPaired.body':
      'Un administrateur l’associe à un site depuis l’espace administrateur d’Atrium. Une fois associée, les visiteurs peuvent s’enregistrer et laisser leurs coordonnées ici.',
  },
};

export const t = defineMessages('reception', receptionMessages);
