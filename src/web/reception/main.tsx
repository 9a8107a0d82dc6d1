// Entry of the reception tablet.
import { mountApp } from '../ui/mount';
import { t } from './messages';
import { ReceptionApp } from './ReceptionApp';

mountApp({ basename: '/reception', title: () => t('appTitle'), app: <ReceptionApp /> });
