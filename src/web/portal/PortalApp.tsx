// Routes of the member portal (mounted at /).
import { BillingPage } from './modules/billing/BillingPage';
import { Anchor, Stack, Title } from '@mantine/core';
import { Link, Route, Routes } from 'react-router';
import { SignInPage } from '../ui/SignInPage';
import { ActivationPage } from './modules/activation/ActivationPage';
import { BookPage } from './modules/bookings/BookPage';
import { MyBookingsPage } from './modules/bookings/MyBookingsPage';
import { CompanyPage } from './modules/company/CompanyPage';
import { DevCheckoutPage } from './modules/invoices/DevCheckoutPage';
import { InvoicePage } from './modules/invoices/InvoicePage';
import { HomePage } from './modules/home/HomePage';
import { JoinPage } from './modules/join/JoinPage';
import { ProfilePage } from './modules/me/ProfilePage';
import { PerksPage } from './modules/perks/PerksPage';
import { PortalShell } from './PortalShell';
import { tPortal } from './messages';

export function PortalApp() {
  return (
    <Routes>
      <Route path="sign-in" element={<SignInPage title={tPortal('signIn.title')} intro={tPortal('signIn.intro')} />} />
      <Route path="activate/:token" element={<ActivationPage />} />
      <Route path="join/:locationId" element={<JoinPage />} />
      {/* the dev payment provider's checkout (PAYMENTS_DEV=1): a page of its own, as a provider's would be */}
      <Route path="dev/checkout/:checkoutId" element={<DevCheckoutPage />} />
      <Route element={<PortalShell />}>
        <Route index element={<HomePage />} />
        <Route path="book" element={<BookPage />} />
        <Route path="bookings" element={<MyBookingsPage />} />
        <Route path="billing" element={<BillingPage />} />
        <Route path="billing/invoices/:invoiceId" element={<InvoicePage />} />
        <Route path="perks" element={<PerksPage />} />
        <Route path="profile" element={<ProfilePage />} />
        <Route path="company/:locationId" element={<CompanyPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

function NotFound() {
  return (
    <Stack>
      <Title order={1} size="h2">
        {tPortal('notFound.title')}
      </Title>
      <Anchor component={Link} to="/">
        {tPortal('notFound.home')}
      </Anchor>
    </Stack>
  );
}
