// The words of the base email layout, in every language.
export const messages = {
  en: {
    greeting: 'Hi {name},',
    orOpenLink: 'Or open this link:',
    buttonInText: '{label}: {url}',
    support: 'Questions? Write to {email}.',
  },
  fr: {
    greeting: 'Bonjour {name},',
    orOpenLink: 'Ou ouvrez ce lien :',
    buttonInText: '{label} : {url}',
    support: 'Une question ? Écrivez à {email}.',
  },
};
