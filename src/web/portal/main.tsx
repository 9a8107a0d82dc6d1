// Entry of the member portal.
import { mountApp } from '../ui/mount';
import { PortalApp } from './PortalApp';
import { text } from './text';

mountApp({ basename: '/', title: text.appName, app: <PortalApp /> });
