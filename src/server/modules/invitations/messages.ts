// The invitation emails, in every language. The default template's variables are those an
// operator's Liquid template can use, so the editor shows it with `{{ first_name }}` in their place.
export const messages = {
  en: {
    defaultSubject: 'You are invited to {location_name}',
    defaultBody:
      'Hi {first_name},\n\n{inviter_name} invited you to become a member of {location_name} ({organization_name}).\n\nActivate your account to book, pay and see what your space offers. The button works for {hours, plural, one {# hour} other {# hours}}; after that we will send you a code to confirm your email.',
    reminderIntro: 'A reminder: your invitation to {location_name} is waiting for you.',
    reminderSubject: 'Reminder: {subject}',
    activateButton: 'Activate my account',
    invitationFooter: 'If you did not expect this invitation, you can ignore this email.',
    testSubject: '[Test] {subject}',
    teamOf: 'The team of {location_name}',
    accessGrantedSubject: 'You now have access to {location_name}',
    accessGrantedBody: '{inviter_name} gave you member access to {location_name}. You now have access to {location_name} with the account you already use.',
    openLocationButton: 'Open {location_name}',
    activationCodeSubject: 'Your activation code',
    activationCodeIntro: 'Your code to activate your account is:',
  },
  fr: {
    defaultSubject: 'Invitation à rejoindre {location_name}',
    defaultBody:
      'Bonjour {first_name},\n\n{inviter_name} vous invite à devenir membre de {location_name} ({organization_name}).\n\nActivez votre compte pour réserver, payer et découvrir ce que votre espace vous propose. Le bouton fonctionne pendant {hours, plural, one {# heure} other {# heures}} ; passé ce délai, nous vous enverrons un code pour confirmer votre adresse e-mail.',
    reminderIntro: 'Petit rappel : votre invitation à rejoindre {location_name} vous attend.',
    reminderSubject: 'Rappel : {subject}',
    activateButton: 'Activer mon compte',
    invitationFooter: 'Si vous n’attendiez pas cette invitation, vous pouvez ignorer cet e-mail.',
    testSubject: '[Test] {subject}',
    teamOf: 'L’équipe de {location_name}',
    accessGrantedSubject: 'Vous avez désormais accès à {location_name}',
    accessGrantedBody: '{inviter_name} vous a donné un accès membre à {location_name}. Vous y avez désormais accès avec le compte que vous utilisez déjà.',
    openLocationButton: 'Ouvrir {location_name}',
    activationCodeSubject: 'Votre code d’activation',
    activationCodeIntro: 'Votre code pour activer votre compte :',
  },
};
