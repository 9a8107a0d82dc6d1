// Entry of the admin app (English only for now).
import { mountApp } from '../ui/mount';
import { AdminApp } from './AdminApp';
import { text } from './text';

mountApp({ basename: '/admin', title: () => text.appTitle, app: <AdminApp />, languages: ['en'], serverSentences: true });
