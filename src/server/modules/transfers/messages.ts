// The transfer's email to a person moved to another location as a nonmember (a member gets the
// invitation or "you now have access" of the invitations module instead), in every language.
export const messages = {
  en: {
    nonmemberSubject: 'You are now a customer of {location_name}',
    nonmemberBody:
      '{inviter_name} moved you to {location_name} ({organization_name}). You can book and buy there with the account you already use; your history at {from_location_name} stays where it was.',
    openButton: 'Open {location_name}',
  },
  fr: {
    nonmemberSubject: 'Vous êtes désormais client de {location_name}',
    nonmemberBody:
      '{inviter_name} vous a transféré vers {location_name} ({organization_name}). Vous pouvez y réserver et acheter avec le compte que vous utilisez déjà ; votre historique à {from_location_name} reste où il était.',
    openButton: 'Ouvrir {location_name}',
  },
};
