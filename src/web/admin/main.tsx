// Entry of the admin app (English only for now: its catalogues are defineEnglishMessages).
import '@mantine/charts/styles.css';
import { mountApp } from '../ui/mount';
// after the Mantine core styles (imported by mount)
import '@mantine/charts/styles.css';
import { AdminApp } from './AdminApp';
import { tAdmin } from './messages';

mountApp({
  basename: '/admin',
  title: () => tAdmin('appTitle'),
  app: <AdminApp />,
  languages: ['en'],
  // below 48em the navbar folds into the header's burger
  phoneNotifications: { position: 'bottom-center', maxWidth: '47.99em' },
});
