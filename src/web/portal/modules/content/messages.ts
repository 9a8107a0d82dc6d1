// Messages of the portal's content: the home feed, a post, the pages menu and a page, and the public news page.
import { defineMessages } from '../../../lib/i18n';

export const contentMessages = {
  en: {
    feedTitle: 'News',
    feedEmpty: 'No news yet',
    feedEmptyHelp: 'What the team of {location} posts appears here.',
    pinned: 'Pinned',
    loadMore: 'Show more',
    published: 'Published {when}',
    pages: 'Pages',
    pagesOf: 'Pages of {location}',
    back: 'Back to home',
    notFoundTitle: 'Nothing here',
    notFoundBody: 'This post or page does not exist, is not published yet, or is not shared with you.',
    publicTitle: 'News from {location}',
    publicIntro: 'What {location} shares with everyone. Members see more once signed in.',
    publicNotFound: 'This location does not exist.',
    signIn: 'Sign in',
  },
  fr: {
    feedTitle: 'Actualités',
    feedEmpty: 'Aucune actualité pour l’instant',
    feedEmptyHelp: 'Ce que l’équipe de {location} publie apparaît ici.',
    pinned: 'Épinglé',
    loadMore: 'Voir plus',
    published: 'Publié {when}',
    pages: 'Pages',
    pagesOf: 'Pages de {location}',
    back: 'Retour à l’accueil',
    notFoundTitle: 'Rien ici',
    notFoundBody: 'Cette publication ou cette page n’existe pas, n’est pas encore publiée ou ne vous est pas destinée.',
    publicTitle: 'Actualités de {location}',
    publicIntro: 'Ce que {location} partage avec tout le monde. Les membres en voient plus une fois connectés.',
    publicNotFound: 'Ce site n’existe pas.',
    signIn: 'Se connecter',
  },
};

export const t = defineMessages('portal.content', contentMessages);
