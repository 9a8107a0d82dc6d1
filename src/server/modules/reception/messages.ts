// The reception emails: the host told that a visitor is at the desk, in every language.
export const messages = {
  en: {
    visitorSubject: '{visitor} is at the reception of {location_name}',
    visitorBody: '{visitor} checked in at the reception of {location_name} at {time} and is waiting for you.',
    visitorEmail: 'Their email: {email}',
  },
  fr: {
    visitorSubject: '{visitor} est à l’accueil de {location_name}',
    visitorBody: '{visitor} s’est enregistré à l’accueil de {location_name} à {time} et vous attend.',
    visitorEmail: 'Son e-mail : {email}',
  },
};
