// Every user-visible word of the reception tablet, in one place so it can be translated later.
export const text = {
  appTitle: 'Atrium reception',
  notPaired: {
    title: 'This tablet is not paired yet',
    body: 'An administrator pairs it with a location from the Atrium admin app. Once paired, visitors can check in and leave their contacts here.',
  },
};
