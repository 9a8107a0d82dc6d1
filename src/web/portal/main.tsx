// Entry of the member portal.
import { mountApp } from '../ui/mount';
import { PortalApp } from './PortalApp';
import { tPortal } from './messages';

mountApp({ basename: '/', title: () => tPortal('appName'), app: <PortalApp /> });
