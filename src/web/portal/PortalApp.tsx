// Routes of the member portal (mounted at /).
import { BillingPage } from './modules/billing/BillingPage';
import { Anchor, Stack, Title } from '@mantine/core';
import { Link, Route, Routes } from 'react-router';
import { SignInPage } from '../ui/SignInPage';
import { ActivationPage } from './modules/activation/ActivationPage';
import { BookPage } from './modules/bookings/BookPage';
import { ShopPage } from './modules/shop/ShopPage';
import { MyBookingsPage } from './modules/bookings/MyBookingsPage';
import { CompanyPage } from './modules/company/CompanyPage';
import { EventsPage } from './modules/events/EventsPage';
import { MyTicketsPage } from './modules/events/MyTicketsPage';
import { DevCheckoutPage } from './modules/invoices/DevCheckoutPage';
import { InvoicePage } from './modules/invoices/InvoicePage';
import { HomePage } from './modules/home/HomePage';
import { JoinPage } from './modules/join/JoinPage';
import { ProfilePage } from './modules/me/ProfilePage';
import { PerksPage } from './modules/perks/PerksPage';
import { PortalShell } from './PortalShell';
import { PageView, PostPage } from './modules/content/PostPage';
import { PublicFeedPage } from './modules/content/PublicFeedPage';
import { tPortal } from './messages';

export function PortalApp() {
  return (
    <Routes>
      <Route path="sign-in" element={<SignInPage title={tPortal('signIn.title')} intro={tPortal('signIn.intro')} />} />
      <Route path="activate/:token" element={<ActivationPage />} />
      <Route path="join/:locationId" element={<JoinPage />} />
      {/* the dev payment provider's checkout (PAYMENTS_DEV=1): a page of its own, as a provider's would be */}
      <Route path="dev/checkout/:checkoutId" element={<DevCheckoutPage />} />
      {/* a location's public feed, for visitors who are not signed in */}
      <Route path="l/:locationId/news" element={<PublicFeedPage />} />
      <Route element={<PortalShell />}>
        <Route index element={<HomePage />} />
        <Route path="book" element={<BookPage />} />
        <Route path="bookings" element={<MyBookingsPage />} />
        <Route path="events" element={<EventsPage />} />
        <Route path="tickets" element={<MyTicketsPage />} />
        <Route path="billing" element={<BillingPage />} />
        <Route path="shop" element={<ShopPage />} />
        <Route path="billing/invoices/:invoiceId" element={<InvoicePage />} />
        <Route path="perks" element={<PerksPage />} />
        <Route path="profile" element={<ProfilePage />} />
        <Route path="l/:locationId/posts/:postId" element={<PostPage />} />
        <Route path="l/:locationId/pages/:slug" element={<PageView />} />
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
