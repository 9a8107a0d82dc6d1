// Routes of the admin app (mounted under /admin).
import { Route, Routes } from 'react-router';
import { SignInPage } from '../ui/SignInPage';
import { AdminHome, LocationIndex, LocationScope, NotFound, RequirePermission } from './AdminPages';
import { AdminShell } from './AdminShell';
import { tAdmin } from './messages';
import { LinkSignInPage } from './modules/auth/LinkSignInPage';
import { CustomersPage } from './modules/customers/CustomersPage';
import { CustomerProfilePage } from './modules/customers/CustomerProfilePage';
import { CompaniesPage } from './modules/companies/CompaniesPage';
import { CompanyPage } from './modules/companies/CompanyPage';
import { PlansPage } from './modules/plans/PlansPage';
import { InvoicePage } from './modules/invoices/InvoicePage';
import { InvoicesPage } from './modules/invoices/InvoicesPage';
import { AnalyticsPage } from './modules/analytics/AnalyticsPage';
import { BenefitsPage } from './modules/benefits/BenefitsPage';
import { BookingsPage } from './modules/bookings/BookingsPage';
import { EventPage } from './modules/events/EventPage';
import { EventsPage } from './modules/events/EventsPage';
import { RequireEventsAccess } from './modules/events/access';
import { ResourcesPage } from './modules/resources/ResourcesPage';
import { ShopPage } from './modules/shop/ShopPage';
import { MassInvitePage } from './modules/invitations/MassInvitePage';
import { JoinRequestsPage } from './modules/join-requests/JoinRequestsPage';
import { MailboxPage } from './modules/mailbox/MailboxPage';
import { SettingsPage } from './modules/settings/SettingsPage';
import { ReceptionPage } from './modules/reception/ReceptionPage';
import { SetupPage } from './modules/setup/SetupPage';
import { ContentPage } from './modules/content/ContentPage';
import { UsersPage } from './modules/people/UsersPage';
import { UsagePage } from './modules/usage/UsagePage';

export function AdminApp() {
  return (
    <Routes>
      <Route path="setup" element={<SetupPage />} />
      <Route path="sign-in" element={<SignInPage title={tAdmin('signIn.title')} intro={tAdmin('signIn.intro')} />} />
      <Route path="link/:token" element={<LinkSignInPage />} />
      <Route element={<AdminShell publicPaths={['/mailbox']} />}>
        <Route index element={<AdminHome />} />
        <Route path="l/:locationId" element={<LocationScope />}>
          <Route index element={<LocationIndex />} />
          <Route
            path="customers"
            element={
              <RequirePermission permission="customers">
                <CustomersPage />
              </RequirePermission>
            }
          />
          <Route
            path="customers/invite-multiple"
            element={
              <RequirePermission permission="customers">
                <MassInvitePage />
              </RequirePermission>
            }
          />
          <Route
            path="companies"
            element={
              <RequirePermission permission="customers">
                <CompaniesPage />
              </RequirePermission>
            }
          />
          <Route
            path="companies/:companyId"
            element={
              <RequirePermission permission="customers">
                <CompanyPage />
              </RequirePermission>
            }
          />
          <Route
            path="customers/:customerId"
            element={
              <RequirePermission permission="customers">
                <CustomerProfilePage />
              </RequirePermission>
            }
          />
          <Route
            path="join-requests"
            element={
              <RequirePermission permission="customers">
                <JoinRequestsPage />
              </RequirePermission>
            }
          />
          <Route
            path="plans"
            element={
              <RequirePermission permission="billing">
                <PlansPage />
              </RequirePermission>
            }
          />
          <Route
            path="invoices"
            element={
              <RequirePermission permission="billing">
                <InvoicesPage />
              </RequirePermission>
            }
          />
          <Route
            path="invoices/:invoiceId"
            element={
              <RequirePermission permission="billing">
                <InvoicePage />
              </RequirePermission>
            }
          />
          <Route
            path="resources"
            element={
              <RequirePermission permission="resources">
                <ResourcesPage />
              </RequirePermission>
            }
          />
          <Route
            path="bookings"
            element={
              <RequirePermission permission="resources">
                <BookingsPage />
              </RequirePermission>
            }
          />
          <Route
            path="content"
            element={
              <RequirePermission permission="content">
                <ContentPage />
              </RequirePermission>
            }
          />
          <Route
            path="events"
            element={
              <RequireEventsAccess>
                <EventsPage />
              </RequireEventsAccess>
            }
          />
          <Route
            path="events/:eventId"
            element={
              <RequireEventsAccess>
                <EventPage />
              </RequireEventsAccess>
            }
          />
          <Route
            path="shop"
            element={
              <RequirePermission permission="shop">
                <ShopPage />
              </RequirePermission>
            }
          />
          <Route
            path="benefits"
            element={
              <RequirePermission permission="benefits">
                <BenefitsPage />
              </RequirePermission>
            }
          />
          <Route path="users" element={<UsersPage />} />
          <Route path="usage" element={<UsagePage />} />
          <Route
            path="analytics"
            element={
              <RequirePermission permission="analytics">
                <AnalyticsPage />
              </RequirePermission>
            }
          />
          <Route path="settings" element={<SettingsPage />} />
          <Route path="reception" element={<ReceptionPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
        <Route path="mailbox" element={<MailboxPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
