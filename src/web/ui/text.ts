// User-visible text of the shared widgets (errors, loading, sign-in flow, account menu), kept in one place for translation.
export const uiText = {
  loading: 'Loading',
  error: {
    title: 'Something went wrong',
    retry: 'Try again',
    network: 'Could not reach Atrium. Check your connection and try again.',
    unknown: 'Something went wrong on our side. Try again in a moment.',
    unexpected: 'Atrium could not do that. Reload the page and try again.',
  },
  signIn: {
    email: 'Email',
    emailInvalid: 'Enter an email address, like pat@example.com',
    sendCode: 'Send code',
    codeSent: (email: string) => `We sent a 6-digit code to ${email}`,
    codeHelp: 'Paste or type the code from the email. It works once and expires soon.',
    code: 'Code',
    codeInvalid: 'Enter the 6 digits from the email',
    signIn: 'Sign in',
    otherEmail: 'Use a different email',
    resend: 'Send a new code',
    resent: 'We sent a new code. Use the newest one.',
  },
  account: {
    menu: 'Account menu',
    signOut: 'Sign out',
  },
  confirm: {
    cancel: 'Cancel',
  },
  saved: 'Saved',
};
