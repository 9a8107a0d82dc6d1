// Messages of the "Purchase history" card of a customer profile and a company page.
import { defineEnglishMessages } from '../../../lib/i18n';

export const purchaseHistoryMessages = {
  en: {
    title: 'Purchase history',
    tabsLabel: 'Kinds of purchase',
    'tab.all': 'All',
    'tab.booking': 'Bookings',
    'tab.ticket': 'Tickets',
    'tab.order': 'Orders',
    'tab.benefit_application': 'Perks',
    'kind.booking': 'Booking',
    'kind.ticket': 'Ticket',
    'kind.order': 'Order',
    'kind.benefit_application': 'Perk',
    'status.pending_payment': 'Awaiting payment',
    'status.confirmed': 'Confirmed',
    'status.canceled': 'Canceled',
    'status.new': 'New',
    'status.approved': 'Approved',
    'status.declined': 'Declined',
    'status.in_progress': 'In progress',
    'status.completed': 'Completed',
    'status.checked_in': 'Checked in',
    credits: '{count, plural, one {# credit} other {# credits}}',
    dayPasses: '{count, plural, one {# day pass} other {# day passes}}',
    free: 'No charge',
    'payer.personal': 'Paid personally',
    'payer.company': 'Paid by the company',
    none: 'Nothing bought yet.',
    noneOfKind: 'Nothing of this kind yet.',
    loadMore: 'Load more',
  },
};

export const t = defineEnglishMessages('admin.purchaseHistory', purchaseHistoryMessages);
