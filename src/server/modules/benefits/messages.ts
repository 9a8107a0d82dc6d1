// The benefit emails: the applicant's confirmation, the administrators' notice and the decision, in every language.
export const messages = {
  en: {
    appliedSubject: 'Application #{number} received: {benefit}',
    appliedBody: 'We received your application for {benefit} at {location_name}. Its number is #{number}.',
    appliedNext: 'The team will look at it and tell you by email.',
    viewPerks: 'See my perks',
    newSubject: 'New application #{number}: {benefit}',
    newBody: '{name} ({email}) applied for {benefit} at {location_name}.',
    newMessage: 'Their message: {message}',
    openApplications: 'Open the applications',
    decidedSubject: '{status, select, approved {Approved: {benefit}} other {Declined: {benefit}}}',
    decidedBody:
      '{status, select, approved {Your application #{number} for {benefit} at {location_name} was approved.} other {Your application #{number} for {benefit} at {location_name} was declined.}}',
    decidedNote: 'A note from the team: {note}',
  },
  fr: {
    appliedSubject: 'Demande n° {number} reçue : {benefit}',
    appliedBody: 'Nous avons bien reçu votre demande pour {benefit} à {location_name}. Son numéro est le {number}.',
    appliedNext: 'L’équipe va l’examiner et vous répondra par e-mail.',
    viewPerks: 'Voir mes avantages',
    newSubject: 'Nouvelle demande n° {number} : {benefit}',
    newBody: '{name} ({email}) a fait une demande pour {benefit} à {location_name}.',
    newMessage: 'Son message : {message}',
    openApplications: 'Ouvrir les demandes',
    decidedSubject: '{status, select, approved {Acceptée : {benefit}} other {Refusée : {benefit}}}',
    decidedBody:
      '{status, select, approved {Votre demande n° {number} pour {benefit} à {location_name} a été acceptée.} other {Votre demande n° {number} pour {benefit} à {location_name} a été refusée.}}',
    decidedNote: 'Un mot de l’équipe : {note}',
  },
};
