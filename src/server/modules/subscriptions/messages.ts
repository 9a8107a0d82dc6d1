// The emails about subscriptions, in every language.
export const messages = {
  en: {
    startedSubject: 'Your {plan} subscription at {location_name}',
    startedBody: 'You are subscribed to {plan} at {location_name} from {start_date}.',
    startedCompanyBody: '{company} is subscribed to {plan} at {location_name} from {start_date}.',
    grants:
      'Each period brings {credits, plural, =0 {} one {# credit} other {# credits}}{both, select, yes { and } other {}}{day_passes, plural, =0 {} one {# day pass} other {# day passes}}.',
    endingSubject: 'Your {plan} subscription ends on {end_date}',
    endingBody: 'Your {plan} subscription at {location_name} ends on {end_date}, its last day of service.',
    endingCompanyBody: 'The {plan} subscription of {company} at {location_name} ends on {end_date}, its last day of service.',
  },
  fr: {
    startedSubject: 'Votre abonnement {plan} à {location_name}',
    startedBody: 'Vous êtes abonné(e) à {plan} à {location_name} à partir du {start_date}.',
    startedCompanyBody: '{company} est abonnée à {plan} à {location_name} à partir du {start_date}.',
    grants:
      'Chaque période apporte {credits, plural, =0 {} one {# crédit} other {# crédits}}{both, select, yes { et } other {}}{day_passes, plural, =0 {} one {# pass journée} other {# pass journée}}.',
    endingSubject: 'Votre abonnement {plan} se termine le {end_date}',
    endingBody: 'Votre abonnement {plan} à {location_name} se termine le {end_date}, son dernier jour de service.',
    endingCompanyBody: 'L’abonnement {plan} de {company} à {location_name} se termine le {end_date}, son dernier jour de service.',
  },
};
