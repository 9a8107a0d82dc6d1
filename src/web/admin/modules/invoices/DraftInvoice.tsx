// A draft invoice: the line editor (description, quantity, unit price typed in the currency's major units, tax rate
// in percent or empty for the location's default), add and remove lines, totals worked out as one types and the
// server's own once saved; Save, Delete (asks first), Issue (asks first, saving unsaved changes before).
import { ActionIcon, Alert, Button, Group, Modal, NumberInput, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { currencyDigits, formatDate, formatMinor, toMajor, toMinor } from '../../../lib/format';
import type { Location } from '../../../lib/types';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { FormError } from '../../../ui/FormError';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { useServerForm } from '../../../ui/use-server-form';
import { tAdmin } from '../../messages';
import { lineFigures, totalsOf, type LineFigures } from './amounts';
import { type Invoice, invoicePdfUrl, type LineInput, useDeleteDraft, useIssueInvoice, useSaveDraft } from './api';
import { BillTo, Facts, figureStyle, formatRate, InvoiceHeading, money, Totals } from './InvoiceParts';
import { t } from './messages';

const MAX_UNIT_PRICE = 100_000_000;

interface LineValues {
  /** React's key for the row; not sent. */
  key: string;
  description: string;
  quantity: number | string;
  unitPrice: number | string;
  /** percent; empty: the location's default when the line is saved */
  taxRate: number | string;
}

let nextKey = 0;
const newKey = () => `line-${++nextKey}`;
const blankLine = (): LineValues => ({ key: newKey(), description: '', quantity: 1, unitPrice: '', taxRate: '' });

function valuesOf(invoice: Invoice, keys: string[] = []): { lines: LineValues[] } {
  const lines = invoice.lines.map((line, index) => ({
    key: keys[index] ?? newKey(),
    description: line.description,
    quantity: line.quantity,
    unitPrice: toMajor(line.unitPrice, invoice.currency),
    taxRate: line.taxRateBps / 100,
  }));
  return { lines: lines.length > 0 ? lines : [blankLine()] };
}

const filled = (value: number | string) => value !== '' && Number.isFinite(Number(value));

function linesSchema(currency: string) {
  const line = z
    .object({
      key: z.string(),
      description: z
        .string()
        .trim()
        .min(1, { error: () => t('descriptionRequired') })
        .max(300, { error: () => t('descriptionTooLong') }),
      quantity: z
        .union([z.number(), z.string()])
        .refine((value) => filled(value) && Number.isInteger(Number(value)) && Number(value) >= 1 && Number(value) <= 10_000, {
          error: () => t('quantityInvalid'),
        }),
      unitPrice: z
        .union([z.number(), z.string()])
        .refine((value) => filled(value) && Math.abs(toMinor(Number(value), currency)) <= MAX_UNIT_PRICE, { error: () => t('priceInvalid') }),
      taxRate: z.union([z.number(), z.string()]).refine((value) => value === '' || (filled(value) && Number(value) >= 0 && Number(value) <= 100), {
        error: () => t('rateInvalid'),
      }),
    })
    .transform(
      (value): LineInput => ({
        description: value.description,
        quantity: Number(value.quantity),
        unitPrice: toMinor(Number(value.unitPrice), currency),
        ...(value.taxRate === '' ? {} : { taxRateBps: Math.round(Number(value.taxRate) * 100) }),
      }),
    );
  return z.object({ lines: z.array(line).max(200, { error: () => t('tooManyLines') }) }).transform(({ lines }) => lines);
}

/** What a line comes to as typed, or null while it is not a number yet; the rate left empty is the location's default. */
function previewOf(line: LineValues, currency: string, defaultRateBps: number, pricesIncludeTax: boolean): LineFigures | null {
  const quantity = Number(line.quantity);
  if (!filled(line.quantity) || !Number.isInteger(quantity) || quantity < 1 || !filled(line.unitPrice)) return null;
  if (line.taxRate !== '' && !filled(line.taxRate)) return null;
  const rate = line.taxRate === '' ? defaultRateBps : Math.round(Number(line.taxRate) * 100);
  return lineFigures(quantity, toMinor(Number(line.unitPrice), currency), rate, pricesIncludeTax);
}

export function DraftInvoice({ invoice, location }: { invoice: Invoice; location: Location }) {
  const navigate = useNavigate();
  const save = useSaveDraft(location.id, invoice.id);
  const issue = useIssueInvoice(location.id, invoice.id);
  const remove = useDeleteDraft(location.id, invoice.id);
  const [issuing, issueModal] = useDisclosure(false);
  const [deleting, deleteModal] = useDisclosure(false);
  /** Issue was pressed with unsaved changes: once they are saved, the confirmation opens. */
  const issueAfterSave = useRef(false);
  const currency = invoice.currency;

  const { form, onSubmit, submitting, error } = useServerForm({
    schema: linesSchema(currency),
    initialValues: valuesOf(invoice),
    submit: async (lines) => {
      const keys = form.getValues().lines.map((line) => line.key);
      const { invoice: saved } = await save.mutateAsync(lines);
      const next = valuesOf(saved, keys);
      form.setValues(next);
      form.resetDirty(next);
      notifySuccess(t('saved'));
      if (issueAfterSave.current && saved.lines.length > 0) issueModal.open();
    },
  });

  const dirty = form.isDirty();
  const values = form.getValues();
  const previews = values.lines.map((line) => previewOf(line, currency, location.taxRateBps, invoice.pricesIncludeTax));
  // the server's figures when nothing is unsaved; otherwise what the typed lines come to
  const lineTotal = (index: number) => (dirty ? previews[index]?.total : invoice.lines[index]?.total);
  const totals = dirty ? totalsOf(previews.filter((preview): preview is LineFigures => preview !== null)) : invoice;

  const onIssue = () => {
    issueAfterSave.current = false;
    if (!dirty) return issueModal.open();
    issueAfterSave.current = true;
    onSubmit();
  };
  const confirmIssue = () =>
    issue.mutate(undefined, {
      onSuccess: ({ invoice: issued }) => {
        issueModal.close();
        notifySuccess(issued.status === 'paid' ? t('issuedPaid', { number: issued.number ?? '' }) : t('issued', { number: issued.number ?? '' }));
      },
      onError: notifyError,
    });
  const confirmDelete = () =>
    remove.mutate(undefined, {
      onSuccess: () => {
        notifySuccess(t('deleted'));
        navigate(`/l/${location.id}/invoices?tab=draft`, { replace: true });
      },
      onError: notifyError,
    });

  const canIssue = invoice.lines.length > 0 || (dirty && values.lines.length > 0);
  const digits = currencyDigits(currency);
  const labelOf = (field: string, index: number) => t('line.labelOf', { field, number: index + 1 });
  const defaultRate = t('line.defaultRate', { rate: formatRate(location.taxRateBps) });

  return (
    <>
      <InvoiceHeading
        invoice={invoice}
        actions={
          <>
            <Button component="a" variant="default" href={invoicePdfUrl(location.id, invoice.id)} download>
              {t('pdfDraft')}
            </Button>
            <Button variant="default" color="red" c="red.9" onClick={deleteModal.open}>
              {t('delete')}
            </Button>
            <Button onClick={onIssue} disabled={!canIssue} loading={submitting && issueAfterSave.current}>
              {t('issue')}
            </Button>
          </>
        }
      />
      <Paper withBorder radius="md" p="lg">
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="lg">
            <Group justify="space-between" align="flex-start" wrap="wrap" gap="xl">
              <BillTo invoice={invoice} location={location} />
              <Facts
                facts={[
                  { label: t('fact.number'), value: t('draftNumber') },
                  { label: t('fact.created'), value: formatDate(invoice.createdAt, location.timeZone) },
                ]}
              />
            </Group>
            <Table.ScrollContainer minWidth={760}>
              <Table verticalSpacing="xs" data-testid="line-editor">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('line.description')}</Table.Th>
                    <Table.Th w={100}>{t('line.quantity')}</Table.Th>
                    <Table.Th w={190} style={{ whiteSpace: 'nowrap' }}>
                      {invoice.pricesIncludeTax ? t('line.unitPriceIncl') : t('line.unitPriceExcl')}
                    </Table.Th>
                    <Table.Th w={130}>{t('line.taxRatePercent')}</Table.Th>
                    <Table.Th w={130} ta="right">
                      {t('line.total')}
                    </Table.Th>
                    <Table.Th w={44} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {values.lines.map((line, index) => {
                    const total = lineTotal(index);
                    return (
                      <Table.Tr key={line.key} data-testid="line-row" style={{ verticalAlign: 'top' }}>
                        <Table.Td>
                          <TextInput
                            aria-label={labelOf(t('line.description'), index)}
                            autoComplete="off"
                            {...form.getInputProps(`lines.${index}.description`)}
                          />
                        </Table.Td>
                        <Table.Td>
                          <NumberInput
                            aria-label={labelOf(t('line.quantity'), index)}
                            min={1}
                            max={10_000}
                            allowDecimal={false}
                            hideControls
                            {...form.getInputProps(`lines.${index}.quantity`)}
                          />
                        </Table.Td>
                        <Table.Td>
                          <NumberInput
                            aria-label={labelOf(t('line.unitPrice'), index)}
                            decimalScale={digits}
                            rightSection={
                              <Text size="xs" c="dimmed">
                                {currency}
                              </Text>
                            }
                            rightSectionWidth={44}
                            hideControls
                            {...form.getInputProps(`lines.${index}.unitPrice`)}
                          />
                        </Table.Td>
                        <Table.Td>
                          <NumberInput
                            aria-label={labelOf(t('line.taxRate'), index)}
                            placeholder={defaultRate}
                            min={0}
                            max={100}
                            decimalScale={2}
                            hideControls
                            {...form.getInputProps(`lines.${index}.taxRate`)}
                          />
                        </Table.Td>
                        <Table.Td ta="right" pt={14} style={figureStyle} data-testid="line-total">
                          {total === undefined ? '—' : formatMinor(total, currency)}
                        </Table.Td>
                        <Table.Td pt={10}>
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            aria-label={t('line.remove', { number: index + 1 })}
                            onClick={() => form.removeListItem('lines', index)}
                          >
                            <span aria-hidden="true">✕</span>
                          </ActionIcon>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {values.lines.length === 0 && (
              <Text c="dimmed" size="sm">
                {t('noLines')}
              </Text>
            )}
            <Group justify="space-between" align="flex-start" wrap="wrap">
              <Button variant="default" onClick={() => form.insertListItem('lines', blankLine())} disabled={values.lines.length >= 200}>
                {t('addLine')}
              </Button>
              <Totals
                rows={[
                  { label: t('subtotal'), amount: money(totals.subtotal, invoice), testId: 'total-subtotal' },
                  { label: t('taxTotal'), amount: money(totals.taxTotal, invoice), testId: 'total-tax' },
                  { label: t('total'), amount: money(totals.total, invoice), strong: true, testId: 'total-total' },
                ]}
                note={dirty ? t('preview') : invoice.pricesIncludeTax ? t('pricesIncludeTax') : t('pricesExcludeTax')}
              />
            </Group>
            {totals.total < 0 && (
              <Alert color="orange" variant="light" p="xs">
                {t('negativeTotal')}
              </Alert>
            )}
            <FormError message={error} />
            <Group justify="flex-end" gap="sm">
              {dirty && (
                <Text size="sm" c="var(--mantine-color-orange-light-color)" data-testid="unsaved">
                  {t('unsaved')}
                </Text>
              )}
              <Button
                type="submit"
                loading={submitting && !issueAfterSave.current}
                disabled={!dirty && !submitting}
                onClick={() => {
                  issueAfterSave.current = false;
                }}
              >
                {t('save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <Modal opened={issuing} onClose={issue.isPending ? () => undefined : issueModal.close} title={t('issueTitle')} centered>
        <Stack>
          <Text>{t('issueConfirm', { total: money(invoice.total, invoice), name: invoice.billTo.name, days: location.paymentTermsDays })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={issueModal.close} disabled={issue.isPending}>
              {tAdmin('cancel')}
            </Button>
            <Button onClick={confirmIssue} loading={issue.isPending} data-autofocus>
              {t('issue')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <ConfirmModal
        opened={deleting}
        title={t('deleteTitle')}
        confirmLabel={t('delete')}
        loading={remove.isPending}
        onClose={deleteModal.close}
        onConfirm={confirmDelete}
      >
        {t('deleteConfirm', { name: invoice.billTo.name })}
      </ConfirmModal>
    </>
  );
}
