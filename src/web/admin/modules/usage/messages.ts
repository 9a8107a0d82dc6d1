// Messages of the usage report: active users per month and location, the people behind them, the 12-month chart.
import { defineEnglishMessages } from '../../../lib/i18n';

export const usageMessages = {
  en: {
    title: 'Usage',
    intro: 'Active users of {organization}: people who held a subscription, booked, paid, or spent credits or day passes at a location in the month.',
    month: 'Month',
    'chart.title': 'Active users, last 12 months',
    'chart.xAxis': 'Month',
    'chart.yAxis': 'Active users',
    'chart.series': 'Active users',
    'chart.showTable': 'Show the numbers as a table',
    'chart.showChart': 'Show the chart',
    'locations.title': 'By location',
    'column.location': 'Location',
    'column.activeUsers': 'Active users',
    'column.month': 'Month',
    'column.person': 'Person',
    'column.reasons': 'Why they count',
    'column.firstAt': 'First counted',
    total: 'Organization total (each person once)',
    'people.title': 'People',
    'people.location': 'Location',
    'people.allLocations': 'All locations',
    'people.empty': 'Nobody counted as active this month.',
    'people.emptyHelp': 'A person counts once they hold a subscription, book, pay, or spend credits or day passes at a location.',
    'reason.subscription': 'Subscription',
    'reason.booking': 'Booking',
    'reason.payment': 'Payment',
    'reason.credits': 'Credits',
    loadMore: 'Load more',
  },
};

export const t = defineEnglishMessages('admin.usage', usageMessages);
