// The sign-in emails, in every language.
export const messages = {
  en: {
    signInSubject: 'Your Atrium sign-in code',
    signInIntro: 'Your code to sign in to Atrium is:',
    codeFooter: 'It works once, for {minutes, plural, one {# minute} other {# minutes}}. If you did not ask for it, you can ignore this email.',
  },
  fr: {
    signInSubject: 'Votre code de connexion à Atrium',
    signInIntro: 'Votre code pour vous connecter à Atrium :',
    codeFooter:
      'Il n’est valable qu’une fois, pendant {minutes, plural, one {# minute} other {# minutes}}. Si vous ne l’avez pas demandé, vous pouvez ignorer cet e-mail.',
  },
};
