// Entry of the reception tablet.
import { mountApp } from '../ui/mount';
import { ReceptionApp } from './ReceptionApp';
import { text } from './text';

mountApp({ basename: '/reception', title: text.appTitle, app: <ReceptionApp /> });
