// Entry of the admin app.
import { mountApp } from '../ui/mount';
import { AdminApp } from './AdminApp';
import { text } from './text';

mountApp({ basename: '/admin', title: text.appTitle, app: <AdminApp /> });
