// What a person reads when a request fails: the API's stable reasons and status codes, translated; never the server's sentence.
import { ApiError } from './api';
import { defineMessages } from './i18n';

export const errorMessages = {
  en: {
    // By reason (409 and 422 answers carry one).
    'reason.already_activated': 'This account is already activated: there is nothing to resend.',
    'reason.already_customer': 'This email is already a customer of this location.',
    'reason.already_decided': 'This request was already decided.',
    'reason.already_member': 'This email is already a member of this location.',
    'reason.blacklisted': 'This email is on the blacklist of this organization, so it cannot be invited, subscribed or signed up here.',
    'reason.already_blacklisted': 'This email is already on the blacklist.',
    'reason.cannot_blacklist_owner': 'The owner of the organization cannot be blacklisted.',
    'reason.already_set_up': 'Atrium is already set up. Sign in instead.',
    'reason.administrator_rights_not_held': 'This person is also an administrator here, with permissions you do not hold.',
    'reason.ask_an_administrator': 'This email is already known at this location. Ask an administrator of the location to add them to your company.',
    'reason.changed_meanwhile': 'This changed meanwhile. Reload the page and try again.',
    'reason.details_owned_by_person':
      'This person activated their account, so their name and contact details are theirs to change from their own profile. The change was not saved.',
    'reason.email_already_customer': 'This email is already a customer of this location. Open that customer instead.',
    'reason.not_invited': 'Only invited members can be sent an invitation again.',
    'reason.not_removed': 'This customer is not removed.',
    'reason.remove_needs_end_now': 'Removing the old record ends its subscriptions now: choose to end them now, or keep the old record.',
    'reason.plan_in_use': 'This plan was sold, so it cannot be deleted. Archive it instead: it stops being sold and its subscriptions carry on.',
    'reason.plan_archived': 'This plan is archived and is no longer sold. Choose another plan.',
    'reason.already_subscribed': 'You already have a subscription here.',
    'reason.not_a_member': 'Only members can have a subscription. Invite this person as a member first.',
    'reason.invalid_transition': 'This subscription has ended or was canceled, so it cannot change any more.',
    'reason.insufficient_balance': 'There is not enough left to take away. Enter a smaller amount.',
    'reason.members_only': 'Credits and day passes are for members only.',
    'reason.signed_in_as_someone_else': 'You are signed in as someone else. Sign out first, then open the link again.',
    'reason.idempotency_key_reused': 'This request was already sent with other details. Reload the page and try again.',
    'reason.invalid_amount': 'This amount is not valid.',
    'reason.amount_too_large': 'That is more than this invoice allows. Enter a smaller amount.',
    'reason.no_online_payment': 'This invoice was not paid online, so the money cannot go back that way. Choose a manual refund.',
    'reason.invalid_state': 'This cannot be done in the invoice’s current status. Reload the page to see where it stands.',
    'reason.customer_removed': 'This person was removed from the location, so they cannot be invoiced.',
    'reason.negative_total': 'An invoice cannot come to less than nothing. Change the lines so the total is zero or more.',
    'reason.no_payment_provider': 'Online payment is not set up here. Pay by another means, or ask the team.',
    'reason.payment_provider_error': 'The payment service did not answer. Try again in a moment.',
    'reason.in_the_past': 'This time has passed. Choose a later one.',
    'reason.invalid_duration': 'This booking is too short or too long for this resource.',
    'reason.invalid_time': 'Choose a start and an end on the grid of this resource, the end after the start.',
    'reason.not_bookable': 'This resource is not open for booking.',
    'reason.outside_opening_hours': 'This time is outside the opening hours.',
    'reason.payment_method_not_offered': 'This way of paying is not offered for this booking.',
    'reason.slot_unavailable': 'This time is no longer free. Choose another slot.',
    'reason.too_far_ahead': 'Bookings do not open that far ahead yet.',
    'reason.already_started': 'This booking has already started, so it can no longer be canceled.',
    'reason.conflicts_with_bookings': 'Bookings in these dates would no longer fit. Cancel or move them first.',
    'reason.subscription_owner_mismatch': 'This subscription belongs to someone else. Choose one of this customer or company.',
    'reason.company_spend_not_allowed': 'Your company does not let its people use its balance or account. Ask a manager of your company.',
    'reason.invalid_anchor': 'Billing on the 1st of the month needs a monthly plan.',
    'reason.invalid_visibility': 'Self sign-up needs a plan that members can see.',
    // Events and tickets.
    'reason.already_has_ticket': 'You already have a ticket for this event.',
    'reason.sold_out': 'This event is sold out.',
    'reason.tickets_closed': 'Tickets for this event are not open.',
    'reason.event_started': 'This event has already started.',
    'reason.event_canceled': 'This event is canceled.',
    'reason.already_checked_in': 'This ticket is already checked in.',
    'reason.ticket_canceled': 'This ticket is canceled: it does not let anyone in.',
    'reason.ticket_not_paid': 'This ticket is waiting for its card payment: it is not valid yet.',
    // Reception kiosk.
    'reason.consent_required': 'Please tick the box to agree before sending your contacts.',
    'reason.logo_not_image': 'The logo must be a PNG, JPEG or WebP image. Choose another file.',
    'reason.logo_too_large': 'The logo is larger than 2 MB. Choose a smaller image.',
    'reason.capacity_below_tickets': 'More tickets are already taken than this capacity. Enter a larger number.',
    'reason.slug_taken': 'Another page of this location already uses this address. Choose another one.',
    'reason.applications_closed': 'Applications for this perk are closed.',
    'reason.already_applied': 'You already applied for this perk. It can be used once.',
    'reason.webhook_url_not_https': 'Use an https:// address for the webhook.',
    'reason.webhook_url_private': 'This address is private or local: webhooks go only to addresses on the internet.',
    'reason.webhook_disabled': 'This webhook is turned off. Turn it on before replaying its deliveries.',
    'reason.delivery_pending': 'This delivery is still being attempted. Wait for it to succeed or fail.',
    // By status, when there is no reason or it is not known here.
    'status.0': 'Could not reach Atrium. Check your connection and try again.',
    'status.400': 'Some of what you entered is not valid. Check the form and try again.',
    // the shop
    'reason.out_of_stock': 'Not enough of this product is left. Lower the quantity or remove it from your cart.',
    'reason.credits_not_accepted': 'Some products in your cart cannot be paid with credits. Choose another way to pay, or remove them.',
    'reason.invalid_payment_method': 'A product that adds credits or day passes is sold for money only: remove its credit price.',
    'status.401': 'Please sign in again.',
    'status.403': 'You do not have permission to do this.',
    'status.404': 'This was not found. It may have been removed.',
    'status.409': 'This changed meanwhile. Reload the page and try again.',
    'status.413': 'This file is too large to upload.',
    'status.422': 'Atrium could not do that. Reload the page and try again.',
    'status.429': 'Too many attempts. Wait a little, then try again.',
    'status.500': 'Something went wrong on our side. Try again in a moment.',
    unexpected: 'Atrium could not do that. Reload the page and try again.',
    /** A field the server refused, when the form has no better words for it. */
    fieldInvalid: 'Check this field',
    /** A 401 while entering a code means the code, not the session. */
    codeWrong: 'This code is wrong or has expired. Check the latest email or ask for a new code.',
  },
  fr: {
    'reason.already_activated': 'Ce compte est déjà activé : il n’y a rien à renvoyer.',
    'reason.already_customer': 'Cette adresse e-mail est déjà cliente de ce site.',
    'reason.already_decided': 'Cette demande a déjà été traitée.',
    'reason.already_member': 'Cette adresse e-mail est déjà membre de ce site.',
    'reason.blacklisted': 'Cette adresse e-mail est sur la liste noire de cette organisation : elle ne peut pas être invitée, abonnée ni inscrite ici.',
    'reason.already_blacklisted': 'Cette adresse e-mail est déjà sur la liste noire.',
    'reason.cannot_blacklist_owner': 'Le propriétaire de l’organisation ne peut pas être mis sur la liste noire.',
    'reason.already_set_up': 'Atrium est déjà configuré. Connectez-vous.',
    'reason.administrator_rights_not_held': 'Cette personne est aussi administratrice ici, avec des droits que vous n’avez pas.',
    'reason.ask_an_administrator': 'Cette adresse e-mail est déjà connue sur ce site. Demandez à un administrateur du site de l’ajouter à votre entreprise.',
    'reason.changed_meanwhile': 'Ceci a changé entre-temps. Rechargez la page et réessayez.',
    'reason.details_owned_by_person':
      'Cette personne a activé son compte : son nom et ses coordonnées se modifient depuis son propre profil. La modification n’a pas été enregistrée.',
    'reason.email_already_customer': 'Cette adresse e-mail est déjà cliente de ce site. Ouvrez plutôt sa fiche.',
    'reason.not_invited': 'Seuls les membres invités peuvent recevoir à nouveau une invitation.',
    'reason.not_removed': 'Ce client n’est pas retiré.',
    'reason.remove_needs_end_now':
      'Retirer l’ancienne fiche met fin à ses abonnements maintenant : choisissez de les arrêter maintenant, ou gardez l’ancienne fiche.',
    'reason.plan_in_use':
      'Cette formule a été vendue : elle ne peut pas être supprimée. Archivez-la plutôt ; elle ne sera plus vendue et ses abonnements continuent.',
    'reason.plan_archived': 'Cette formule est archivée et n’est plus vendue. Choisissez-en une autre.',
    'reason.already_subscribed': 'Vous avez déjà un abonnement ici.',
    'reason.not_a_member': 'Seuls les membres peuvent avoir un abonnement. Invitez d’abord cette personne comme membre.',
    'reason.invalid_transition': 'Cet abonnement est terminé ou annulé : il ne peut plus changer.',
    'reason.insufficient_balance': 'Il ne reste pas assez à retirer. Saisissez un montant plus petit.',
    'reason.members_only': 'Les crédits et les pass journée sont réservés aux membres.',
    'reason.signed_in_as_someone_else': 'Vous êtes connecté avec un autre compte. Déconnectez-vous d’abord, puis rouvrez le lien.',
    'reason.idempotency_key_reused': 'Cette demande a déjà été envoyée avec d’autres informations. Rechargez la page et réessayez.',
    'reason.invalid_amount': 'Ce montant n’est pas valide.',
    'reason.amount_too_large': 'C’est plus que ce que cette facture permet. Saisissez un montant plus petit.',
    'reason.no_online_payment': 'Cette facture n’a pas été payée en ligne : le remboursement ne peut pas passer par là. Choisissez un remboursement manuel.',
    'reason.invalid_state': 'Ce n’est pas possible dans l’état actuel de la facture. Rechargez la page pour voir où elle en est.',
    'reason.customer_removed': 'Cette personne a été retirée du site : elle ne peut pas être facturée.',
    'reason.negative_total': 'Une facture ne peut pas être négative. Modifiez les lignes pour que le total soit nul ou positif.',
    'reason.no_payment_provider': 'Le paiement en ligne n’est pas disponible ici. Payez autrement ou contactez l’équipe.',
    'reason.payment_provider_error': 'Le service de paiement n’a pas répondu. Réessayez dans un instant.',
    'reason.in_the_past': 'Ce créneau est passé. Choisissez-en un plus tard.',
    'reason.invalid_duration': 'Cette réservation est trop courte ou trop longue pour cette ressource.',
    'reason.invalid_time': 'Choisissez un début et une fin sur la grille de cette ressource, la fin après le début.',
    'reason.not_bookable': 'Cette ressource n’est pas ouverte à la réservation.',
    'reason.outside_opening_hours': 'Ce créneau est en dehors des heures d’ouverture.',
    'reason.payment_method_not_offered': 'Ce moyen de paiement n’est pas proposé pour cette réservation.',
    'reason.slot_unavailable': 'Ce créneau n’est plus libre. Choisissez-en un autre.',
    'reason.too_far_ahead': 'Les réservations ne sont pas encore ouvertes aussi loin.',
    'reason.already_started': 'Cette réservation a déjà commencé : elle ne peut plus être annulée.',
    'reason.conflicts_with_bookings': 'Des réservations à ces dates n’auraient plus de place. Annulez-les ou déplacez-les d’abord.',
    'reason.subscription_owner_mismatch': 'Cet abonnement appartient à quelqu’un d’autre. Choisissez-en un de ce client ou de cette entreprise.',
    'reason.company_spend_not_allowed':
      'Votre entreprise ne permet pas à ses membres d’utiliser son solde ou son compte. Demandez à un responsable de l’entreprise.',
    'reason.invalid_anchor': 'La facturation au 1er du mois demande une formule mensuelle.',
    'reason.already_has_ticket': 'Vous avez déjà un billet pour cet événement.',
    'reason.sold_out': 'Cet événement est complet.',
    'reason.tickets_closed': 'La billetterie de cet événement n’est pas ouverte.',
    'reason.event_started': 'Cet événement a déjà commencé.',
    'reason.event_canceled': 'Cet événement est annulé.',
    'reason.already_checked_in': 'Ce billet a déjà été enregistré à l’entrée.',
    'reason.ticket_canceled': 'Ce billet est annulé : il ne permet pas d’entrer.',
    'reason.ticket_not_paid': 'Ce billet attend son paiement par carte : il n’est pas encore valable.',
    'reason.consent_required': 'Cochez la case pour donner votre accord avant d’envoyer vos coordonnées.',
    'reason.logo_not_image': 'Le logo doit être une image PNG, JPEG ou WebP. Choisissez un autre fichier.',
    'reason.logo_too_large': 'Le logo dépasse 2 Mo. Choisissez une image plus légère.',
    'reason.capacity_below_tickets': 'Plus de billets sont déjà pris que cette capacité. Saisissez un nombre plus grand.',
    'reason.invalid_visibility': 'L’inscription libre demande une formule visible des membres.',
    'reason.slug_taken': 'Une autre page de ce site utilise déjà cette adresse. Choisissez-en une autre.',
    'reason.applications_closed': 'Les demandes pour cet avantage sont fermées.',
    'reason.already_applied': 'Vous avez déjà fait une demande pour cet avantage. Il ne peut servir qu’une fois.',
    'reason.webhook_url_not_https': 'Utilisez une adresse https:// pour le webhook.',
    'reason.webhook_url_private': 'Cette adresse est privée ou locale : les webhooks ne vont qu’à des adresses sur Internet.',
    'reason.webhook_disabled': 'Ce webhook est désactivé. Réactivez-le avant de rejouer ses livraisons.',
    'reason.delivery_pending': 'Cette livraison est encore en cours de tentatives. Attendez qu’elle réussisse ou échoue.',
    'status.0': 'Impossible de joindre Atrium. Vérifiez votre connexion et réessayez.',
    'status.400': 'Certaines informations saisies ne sont pas valides. Vérifiez le formulaire et réessayez.',
    // la boutique
    'reason.out_of_stock': 'Il ne reste pas assez de ce produit. Baissez la quantité ou retirez-le du panier.',
    'reason.credits_not_accepted': 'Certains produits du panier ne se paient pas en crédits. Choisissez un autre moyen de paiement ou retirez-les.',
    'reason.invalid_payment_method': 'Un produit qui ajoute des crédits ou des pass journée se vend uniquement en argent : retirez son prix en crédits.',
    'status.401': 'Veuillez vous reconnecter.',
    'status.403': 'Vous n’avez pas l’autorisation de faire cela.',
    'status.404': 'Introuvable. Cet élément a peut-être été supprimé.',
    'status.409': 'Ceci a changé entre-temps. Rechargez la page et réessayez.',
    'status.413': 'Ce fichier est trop volumineux.',
    'status.422': 'Atrium n’a pas pu faire cela. Rechargez la page et réessayez.',
    'status.429': 'Trop de tentatives. Patientez un peu, puis réessayez.',
    'status.500': 'Un problème est survenu de notre côté. Réessayez dans un instant.',
    unexpected: 'Atrium n’a pas pu faire cela. Rechargez la page et réessayez.',
    fieldInvalid: 'Vérifiez ce champ',
    codeWrong: 'Ce code est erroné ou a expiré. Vérifiez le dernier e-mail ou demandez un nouveau code.',
  },
};

export const tError = defineMessages('errors', errorMessages);
type ErrorKey = keyof (typeof errorMessages)['en'];

/** Words a screen knows better than the catalogue, by reason ("already_member") or by status ("401"). */
export type ErrorTexts = Partial<Record<string, string>>;

function known(key: string): key is ErrorKey {
  return key in errorMessages.en;
}

/** A sentence fit to show a person, whatever was thrown: the screen's words, then the reason's, then the status's. */
export function errorMessage(error: unknown, texts: ErrorTexts = {}): string {
  if (!(error instanceof ApiError)) return tError('status.500');
  const reason = error.reason;
  if (reason && texts[reason]) return texts[reason];
  if (reason && known(`reason.${reason}`)) return tError(`reason.${reason}` as ErrorKey);
  const byStatus = texts[String(error.status)];
  if (byStatus) return byStatus;
  const status = error.status >= 500 ? 'status.500' : `status.${error.status}`;
  return known(status) ? tError(status) : tError('unexpected');
}

/** The words under a field the server refused: the form's own, else a generic hint. */
export function fieldErrorMessage(formText?: string): string {
  return formText || tError('fieldInvalid');
}
