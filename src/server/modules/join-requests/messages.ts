// The emails about a request to join a location, in every language.
export const messages = {
  en: {
    confirmSubject: 'Confirm your email to join {location_name}',
    confirmIntro: 'Your code to confirm your request to join {location_name} is:',
    declinedSubject: 'Your request to join {location_name}',
    declinedBody: 'Your request to join {location_name} was declined.',
    declinedReason: 'The reason given: {reason}',
  },
  fr: {
    confirmSubject: 'Confirmez votre adresse e-mail pour rejoindre {location_name}',
    confirmIntro: 'Votre code pour confirmer votre demande pour rejoindre {location_name} :',
    declinedSubject: 'Votre demande pour rejoindre {location_name}',
    declinedBody: 'Votre demande pour rejoindre {location_name} a été refusée.',
    declinedReason: 'Motif indiqué : {reason}',
  },
};
