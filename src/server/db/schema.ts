// Table types for Kysely. Times are ISO-8601 UTC strings and flags are 0/1 integers on both
// databases, so one set of queries reads the same values from SQLite and PostgreSQL.
import type { Insertable, Selectable, Updateable } from 'kysely';

export type Flag = 0 | 1;

export interface OrganizationTable {
  id: string;
  name: string;
  owner_user_id: string;
  created_at: string;
  /** the logo's file under the data directory (brand/<organization>/<logo_id>); a new id at every upload */
  logo_id: string | null;
  /** its detected type: image/png, image/jpeg or image/webp */
  logo_type: string | null;
  /** #rrggbb, the portal's, kiosk's and emails' accent colour; null: Atrium's blue */
  accent_color: string | null;
  /** shown in the footer of every email */
  support_email: string | null;
  /** the language new locations start with, and that of emails tied to no location */
  language: 'en' | 'fr';
}

export interface LocationTable {
  id: string;
  organization_id: string;
  name: string;
  address: string;
  time_zone: string;
  currency: string;
  /** ISO 3166 alpha-2, used to read and show phone numbers in national format */
  country: string;
  join_requests: 'closed' | 'approval';
  /** the language of emails to people who have not chosen one */
  language: 'en' | 'fr';
  /** default tax rate in basis points (2000 = 20 %) */
  tax_rate_bps: number;
  prices_include_tax: Flag;
  payment_terms_days: number;
  invoice_days_ahead: number;
  invoice_number_pattern: string;
  billing_anchor: 'start_date' | 'first_of_month';
  auto_remove_members: Flag;
  /** JSON {legalName, address, taxId, footer} printed on invoices */
  billing_details: string;
  /** {mon: [["08:00","20:00"]], ...}: local wall times, 24:00 allowed */
  opening_hours: string;
  book_ahead_days: number;
  cancellation_notice_hours: number;
  /** minutes before a booking's start for its reminder; 0 = off */
  booking_reminder_minutes: number;
  invitation_subject: string | null;
  invitation_body: string | null;
  created_at: string;
}

export interface UserTable {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  phone: string | null;
  activated_at: string | null;
  email_verified_at: string | null;
  last_active_at: string | null;
  created_at: string;
  /** the language of the person's emails and portal; null until they choose one */
  language: 'en' | 'fr' | null;
}

export interface SessionTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface SignInCodeTable {
  id: string;
  email: string;
  /** what the code proves: a sign-in, an activation, or a visitor's join request */
  purpose: string;
  code_hash: string;
  attempts: number;
  ip: string | null;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface CodeRequestTable {
  id: string;
  email: string;
  ip: string;
  created_at: string;
}

export interface SignInLinkTable {
  id: string;
  token_hash: string;
  user_id: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface AdministratorTable {
  id: string;
  organization_id: string;
  user_id: string;
  /** null: every location of the organization */
  location_id: string | null;
  /** JSON array of permission names */
  permissions: string;
  created_at: string;
  /** the names the organization entered; shown until the person activates the account */
  first_name: string;
  last_name: string;
}

export interface CompanyTable {
  id: string;
  organization_id: string;
  location_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  tax_id: string | null;
  created_at: string;
  deleted_at: string | null;
  /** whether company users who are not managers may spend the company's credits and day passes */
  company_users_may_spend: Flag;
}

export interface CustomerTable {
  id: string;
  organization_id: string;
  location_id: string;
  user_id: string;
  type: 'member' | 'nonmember';
  status: 'invited' | 'active' | 'removed';
  /** the type to bring back on restore */
  previous_type: 'member' | 'nonmember' | null;
  source: 'invitation' | 'mass_invitation' | 'join_request' | 'manual' | 'reception' | 'purchase' | 'self_sign_up' | 'transfer';
  company_id: string | null;
  company_manager: Flag;
  invited_by_user_id: string | null;
  invited_at: string | null;
  reminder_sent_at: string | null;
  contract_start: string | null;
  contract_end: string | null;
  created_at: string;
  removed_at: string | null;
  /** lower-cased name, email, phone and company: what search matches (indexed for substrings) */
  search_text: string;
  /** the words of search_text as a JSON array (lib/search-words.ts); triggers copy them into customer_search_words */
  search_words: string;
  /** lower-cased "first last", the key of the name sort */
  sort_name: string;
  /** copy of the account's last activity, so the list can sort by it with an index */
  last_active_at: string | null;
  /** what this organization entered; shown until the person activates the account */
  first_name: string;
  last_name: string;
  phone: string | null;
}

/** One word of a customer's search text: word-prefix search is a range of this table's key. Written by triggers on customers. */
export interface CustomerSearchWordTable {
  organization_id: string;
  location_id: string;
  word: string;
  customer_id: string;
}

export interface InvitationTable {
  id: string;
  organization_id: string;
  location_id: string;
  customer_id: string;
  user_id: string;
  token_hash: string;
  kind: 'invitation' | 'reminder' | 'resend' | 'join_request';
  created_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

export interface JoinRequestTable {
  id: string;
  organization_id: string;
  location_id: string;
  user_id: string | null;
  first_name: string;
  last_name: string;
  email: string;
  status: 'unconfirmed' | 'pending' | 'approved' | 'declined';
  reason: string | null;
  decided_by_user_id: string | null;
  decided_at: string | null;
  created_at: string;
}

export interface ActivityTable {
  id: string;
  organization_id: string;
  location_id: string;
  customer_id: string;
  actor_user_id: string | null;
  kind: string;
  /** JSON object with the details of the step */
  data: string;
  created_at: string;
}

export interface OutboxTable {
  id: string;
  organization_id: string | null;
  to_address: string;
  subject: string;
  text_body: string | null;
  html_body: string | null;
  /** an iCalendar attachment, kept like the bodies */
  calendar: string | null;
  message_id: string;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  /** 0: one person's mail (codes, an invitation); 1: bulk (mass invitations, reminders), sent after */
  priority: number;
  attempts: number;
  next_attempt_at: string;
  claimed_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface InstallSettingTable {
  key: string;
  value: string;
}

export interface NoteTable {
  id: string;
  organization_id: string;
  location_id: string;
  customer_id: string;
  author_user_id: string;
  body: string;
  created_at: string;
  updated_at: string;
}

export interface AttachmentTable {
  id: string;
  organization_id: string;
  location_id: string;
  customer_id: string;
  uploaded_by_user_id: string;
  file_name: string;
  content_type: string;
  size: number;
  storage_key: string;
  created_at: string;
}

export interface BulkJobTable {
  id: string;
  organization_id: string;
  location_id: string;
  actor_user_id: string;
  company_id: string | null;
  /** the pasted text, kept until the job is done so a restarted server can finish it */
  input: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  total: number;
  processed: number;
  invited: number;
  skipped: number;
  invalid: number;
  error: string | null;
  created_at: string;
  updated_at: string;
}

export interface PlanTable {
  id: string;
  organization_id: string;
  location_id: string;
  name: string;
  description: string;
  price: number;
  cycle: 'week' | 'month' | 'year';
  setup_fee: number;
  credits: number;
  day_passes: number;
  tax_rate_bps: number | null;
  visibility: Visibility;
  self_sign_up: Flag;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export type Visibility = 'administrators' | 'location_members' | 'network_members' | 'public';
export type SubscriptionStatus = 'scheduled' | 'active' | 'ending' | 'ended' | 'canceled';

export interface SubscriptionTable {
  id: string;
  organization_id: string;
  location_id: string;
  customer_id: string | null;
  company_id: string | null;
  plan_id: string;
  name: string;
  price: number;
  currency: string;
  quantity: number;
  cycle: 'week' | 'month' | 'year';
  setup_fee: number;
  credits: number;
  day_passes: number;
  tax_rate_bps: number | null;
  anchor: 'start_date' | 'first_of_month';
  start_date: string;
  end_date: string | null;
  status: SubscriptionStatus;
  current_period_start: string | null;
  current_period_end: string | null;
  /** the start of the last period whose credits and day passes were granted */
  granted_period_start: string | null;
  drafted_period_start: string | null;
  canceled_at: string | null;
  created_by_user_id: string | null;
  source: 'admin' | 'self_sign_up';
  created_at: string;
  updated_at: string;
}

export type LedgerUnit = 'credit' | 'day_pass';
export type LedgerKind = 'grant' | 'adjust' | 'spend' | 'refund' | 'expire';

export interface LedgerTransactionTable {
  id: string;
  organization_id: string;
  location_id: string;
  customer_id: string | null;
  company_id: string | null;
  unit: LedgerUnit;
  kind: LedgerKind;
  amount: number;
  balance_after: number;
  seq: number;
  expires_at: string | null;
  memo: string | null;
  source_type: string | null;
  source_id: string | null;
  source_key: string | null;
  actor_user_id: string | null;
  created_at: string;
}

export interface LedgerEntryTable {
  id: string;
  transaction_id: string;
  lot_id: string;
  amount: number;
  created_at: string;
}

export interface LedgerLotTable {
  id: string;
  organization_id: string;
  location_id: string;
  customer_id: string | null;
  company_id: string | null;
  unit: LedgerUnit;
  amount: number;
  remaining: number;
  expires_at: string | null;
  source_type: string | null;
  source_id: string | null;
  created_at: string;
}

export interface ActiveUserMonthTable {
  location_id: string;
  organization_id: string;
  user_id: string;
  month: string;
  reason: string;
  created_at: string;
}

export type InvoiceStatus = 'draft' | 'issued' | 'paid' | 'void';
export type LineSource = 'manual' | 'subscription' | 'setup_fee' | 'booking' | 'ticket' | 'order';
export type PaymentMethod = 'bank_transfer' | 'cash' | 'card_terminal' | 'other' | 'online';
export type CheckoutStatus = 'open' | 'paid' | 'failed' | 'expired';

export interface NumberSequenceTable {
  location_id: string;
  kind: string;
  scope: string;
  next: number;
}

export interface InvoiceTable {
  id: string;
  organization_id: string;
  location_id: string;
  customer_id: string | null;
  company_id: string | null;
  status: InvoiceStatus;
  number: string | null;
  currency: string;
  prices_include_tax: Flag;
  issue_date: string | null;
  due_date: string | null;
  bill_to: string | null;
  subtotal: number;
  tax_total: number;
  total: number;
  amount_paid: number;
  amount_credited: number;
  subscription_id: string | null;
  period_start: string | null;
  source_type: string | null;
  source_id: string | null;
  overdue_reminded_at: string | null;
  issued_at: string | null;
  paid_at: string | null;
  voided_at: string | null;
  created_by_user_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface InvoiceLineTable {
  id: string;
  invoice_id: string;
  position: number;
  description: string;
  quantity: number;
  unit_price: number;
  tax_rate_bps: number;
  net: number;
  tax: number;
  total: number;
  subscription_id: string | null;
  period_start: string | null;
  period_end: string | null;
  source: LineSource;
}

export interface PaymentTable {
  id: string;
  organization_id: string;
  location_id: string;
  invoice_id: string;
  amount: number;
  method: PaymentMethod;
  received_on: string;
  reference: string | null;
  provider: string | null;
  provider_ref: string | null;
  checkout_id: string | null;
  idempotency_key: string | null;
  created_by_user_id: string | null;
  created_at: string;
}

export interface CreditNoteTable {
  id: string;
  organization_id: string;
  location_id: string;
  invoice_id: string;
  number: string;
  amount: number;
  tax_amount: number;
  reason: string;
  refund: 'manual' | 'online' | null;
  refund_ref: string | null;
  idempotency_key: string | null;
  created_by_user_id: string | null;
  created_at: string;
}

export interface CheckoutTable {
  id: string;
  organization_id: string;
  location_id: string;
  invoice_id: string;
  provider: string;
  provider_ref: string | null;
  url: string | null;
  amount: number;
  currency: string;
  status: CheckoutStatus;
  expires_at: string;
  created_by_user_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface PaymentEventTable {
  provider: string;
  event_id: string;
  type: string;
  invoice_id: string | null;
  received_at: string;
}

export type ResourceType = 'meeting_room' | 'hot_desk' | 'dedicated_desk' | 'private_office' | 'parking' | 'equipment';
export type BookingStatus = 'pending_payment' | 'confirmed' | 'canceled';
export type BookingPaymentMethod = 'free' | 'credits' | 'day_pass' | 'invoice' | 'card';

export interface ResourceTable {
  id: string;
  organization_id: string;
  location_id: string;
  type: ResourceType;
  name: string;
  description: string;
  seats: number;
  capacity: number | null;
  price_per_hour: number | null;
  credits_per_hour: number | null;
  day_pass_accepted: Flag;
  min_minutes: number;
  max_minutes: number;
  increment_minutes: number;
  visibility: Visibility;
  booking_level: Visibility;
  bookable: Flag;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface AssignmentTable {
  id: string;
  organization_id: string;
  location_id: string;
  resource_id: string;
  customer_id: string | null;
  company_id: string | null;
  seats: number | null;
  start_date: string;
  end_date: string | null;
  subscription_id: string | null;
  created_by_user_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface BookingTable {
  id: string;
  organization_id: string;
  location_id: string;
  resource_id: string;
  customer_id: string;
  company_id: string | null;
  booked_by_user_id: string;
  title: string;
  starts_at: string;
  ends_at: string;
  start_minute: number;
  end_minute: number;
  seats: number;
  whole_resource: Flag;
  holds_slot: Flag;
  status: BookingStatus;
  payment_method: BookingPaymentMethod;
  price: number;
  credits: number;
  day_passes: number;
  invoice_id: string | null;
  idempotency_key: string | null;
  reminded_at: string | null;
  canceled_at: string | null;
  canceled_by_user_id: string | null;
  created_at: string;
  updated_at: string;
}

export type EventStatus = 'scheduled' | 'canceled';
export interface EventTable {
  id: string;
  organization_id: string;
  location_id: string;
  title: string;
  description: string;
  starts_at: string;
  ends_at: string;
  place: string;
  capacity: number | null;
  visibility: Visibility;
  price: number | null;
  credit_price: number | null;
  tax_rate_bps: number | null;
  tickets_open: Flag;
  refund_notice_hours: number;
  status: EventStatus;
  canceled_at: string | null;
  created_by_user_id: string | null;
  created_at: string;
  updated_at: string;
}

export type TicketStatus = 'pending_payment' | 'confirmed' | 'canceled';
export type TicketPaymentMethod = 'free' | 'credits' | 'invoice' | 'card';
export interface TicketTable {
  id: string;
  organization_id: string;
  location_id: string;
  event_id: string;
  customer_id: string;
  company_id: string | null;
  user_id: string;
  code: string;
  status: TicketStatus;
  payment_method: TicketPaymentMethod;
  price: number;
  credits: number;
  invoice_id: string | null;
  idempotency_key: string | null;
  checked_in_at: string | null;
  checked_in_by_user_id: string | null;
  canceled_at: string | null;
  canceled_by_user_id: string | null;
  created_at: string;
  updated_at: string;
}

export type PostKind = 'post' | 'page';

export interface PostTable {
  id: string;
  organization_id: string;
  location_id: string;
  kind: PostKind;
  title: string;
  body: string;
  body_html: string;
  visibility: Visibility;
  pinned: Flag;
  published_at: string | null;
  slug: string | null;
  author_user_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface BenefitTable {
  id: string;
  organization_id: string;
  location_id: string;
  title: string;
  description: string;
  provider: string;
  visibility: Visibility;
  applications: Flag;
  allowance: 'unlimited' | 'once';
  cta_url: string | null;
  confirmation_text: string;
  created_at: string;
  updated_at: string;
}

export type BenefitApplicationStatus = 'new' | 'approved' | 'declined';

export interface BenefitApplicationTable {
  id: string;
  organization_id: string;
  location_id: string;
  benefit_id: string;
  customer_id: string;
  user_id: string;
  number: number;
  message: string;
  status: BenefitApplicationStatus;
  note: string;
  decided_at: string | null;
  decided_by_user_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface Database {
  benefits: BenefitTable;
  benefit_applications: BenefitApplicationTable;
  posts: PostTable;
  events: EventTable;
  tickets: TicketTable;
  resources: ResourceTable;
  assignments: AssignmentTable;
  bookings: BookingTable;
  number_sequences: NumberSequenceTable;
  invoices: InvoiceTable;
  invoice_lines: InvoiceLineTable;
  payments: PaymentTable;
  credit_notes: CreditNoteTable;
  checkouts: CheckoutTable;
  payment_events: PaymentEventTable;
  plans: PlanTable;
  subscriptions: SubscriptionTable;
  ledger_transactions: LedgerTransactionTable;
  ledger_entries: LedgerEntryTable;
  ledger_lots: LedgerLotTable;
  active_user_months: ActiveUserMonthTable;
  notes: NoteTable;
  attachments: AttachmentTable;
  bulk_jobs: BulkJobTable;
  install_settings: InstallSettingTable;
  organizations: OrganizationTable;
  locations: LocationTable;
  users: UserTable;
  sessions: SessionTable;
  sign_in_codes: SignInCodeTable;
  code_requests: CodeRequestTable;
  sign_in_links: SignInLinkTable;
  administrators: AdministratorTable;
  companies: CompanyTable;
  customers: CustomerTable;
  customer_search_words: CustomerSearchWordTable;
  invitations: InvitationTable;
  join_requests: JoinRequestTable;
  activities: ActivityTable;
  outbox: OutboxTable;
}

export type User = Selectable<UserTable>;
export type Location = Selectable<LocationTable>;
export type Organization = Selectable<OrganizationTable>;
export type Customer = Selectable<CustomerTable>;
export type Company = Selectable<CompanyTable>;
export type NewOutbox = Insertable<OutboxTable>;
export type CustomerUpdate = Updateable<CustomerTable>;

// The shop (design 10.1): products and orders. Declared apart and merged into Database.
export type OrderStatus = 'pending_payment' | 'new' | 'in_progress' | 'completed' | 'canceled';
export type OrderPaymentMethod = 'free' | 'credits' | 'invoice' | 'card';

export interface ProductTable {
  id: string;
  organization_id: string;
  location_id: string;
  name: string;
  description: string;
  price: number | null;
  credit_price: number | null;
  tax_rate_bps: number | null;
  stock: number | null;
  visibility: Visibility;
  active: Flag;
  grant_credits: number;
  grant_day_passes: number;
  grant_valid_days: number | null;
  created_at: string;
  updated_at: string;
}

export interface OrderTable {
  id: string;
  organization_id: string;
  location_id: string;
  number: number;
  customer_id: string;
  company_id: string | null;
  ordered_by_user_id: string;
  status: OrderStatus;
  payment_method: OrderPaymentMethod;
  total: number;
  credits: number;
  invoice_id: string | null;
  idempotency_key: string | null;
  request_hash: string;
  /** JSON of what a cancel gave back, null until then */
  refunded: string | null;
  canceled_at: string | null;
  canceled_by_user_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface OrderLineTable {
  id: string;
  order_id: string;
  position: number;
  product_id: string;
  name: string;
  quantity: number;
  unit_price: number | null;
  credit_price: number | null;
  tax_rate_bps: number | null;
  grant_credits: number;
  grant_day_passes: number;
  grant_valid_days: number | null;
}

export interface Database {
  products: ProductTable;
  orders: OrderTable;
  order_lines: OrderLineTable;
}

// The reception kiosk (design 11.1): the location's kiosk settings, pairing codes, devices, failed
// pairings, accepted leads and visits. Declared apart and merged into LocationTable and Database.
export interface LocationTable {
  /** the location's own logo, overriding the organization's (same storage) */
  logo_id: string | null;
  logo_type: string | null;
  reception_leave_contacts: Flag;
  reception_visitors: Flag;
  reception_consent_text: string;
}

export interface KioskPairingCodeTable {
  id: string;
  organization_id: string;
  location_id: string;
  /** SHA-256 of the code; the code itself is shown once */
  code_hash: string;
  /** the name the paired device takes */
  device_name: string;
  created_by_user_id: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface KioskDeviceTable {
  id: string;
  organization_id: string;
  location_id: string;
  name: string;
  /** SHA-256 of the device cookie */
  token_hash: string;
  paired_by_user_id: string | null;
  paired_at: string;
  last_seen_at: string;
  revoked_at: string | null;
}

export interface KioskPairingFailureTable {
  id: string;
  ip: string;
  created_at: string;
}

export interface ReceptionLeadTable {
  id: string;
  organization_id: string;
  location_id: string;
  device_id: string;
  email_hash: string | null;
  created_at: string;
}

export interface ReceptionVisitTable {
  id: string;
  organization_id: string;
  location_id: string;
  device_id: string;
  host_customer_id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  status: 'checked_in';
  checked_in_at: string;
}

export interface Database {
  kiosk_pairing_codes: KioskPairingCodeTable;
  kiosk_devices: KioskDeviceTable;
  kiosk_pairing_failures: KioskPairingFailureTable;
  reception_leads: ReceptionLeadTable;
  reception_visits: ReceptionVisitTable;
}

// API keys and webhooks (design 11.1)
export interface ApiKeyTable {
  id: string;
  organization_id: string;
  location_id: string | null;
  name: string;
  prefix: string;
  token_hash: string;
  /** JSON array of permissions */
  permissions: string;
  created_by_user_id: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface WebhookEndpointTable {
  id: string;
  organization_id: string;
  url: string;
  description: string;
  /** JSON array of event types, or ["*"] */
  events: string;
  secret: string;
  enabled: Flag;
  disabled_reason: 'gone' | 'failing' | null;
  failing_since: string | null;
  created_at: string;
  updated_at: string;
}

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface WebhookDeliveryTable {
  id: string;
  organization_id: string;
  endpoint_id: string;
  event_type: string;
  body: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  run_attempts: number;
  next_attempt_at: string | null;
  claimed_until: string | null;
  last_status_code: number | null;
  last_error: string | null;
  last_attempt_at: string | null;
  created_at: string;
}

export interface Database {
  api_keys: ApiKeyTable;
  webhook_endpoints: WebhookEndpointTable;
  webhook_deliveries: WebhookDeliveryTable;
}

/** An email an organization refuses (design 11.1): no sign-in there, no invitation, no subscription. */
export interface BlacklistEntryTable {
  id: string;
  organization_id: string;
  email: string;
  reason: string | null;
  created_by_user_id: string | null;
  created_at: string;
}

export interface Database {
  blacklist_entries: BlacklistEntryTable;
}
