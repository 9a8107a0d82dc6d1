// Attachments: files up to 10 MB kept under the data directory, their type checked by content,
// downloaded only by administrators of the location.
import fs from 'node:fs';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { Deps } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import { newId } from '../../lib/tokens.js';
import * as activities from '../activities/service.js';
import * as customers from '../customers/service.js';
import * as q from './queries.js';
import type { AdminScope } from '../../scope.js';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** What we accept, by detected type, with the extensions a name of that type may carry. */
const ACCEPTED: Record<string, { label: string; extensions: string[] }> = {
  'application/pdf': { label: 'a PDF', extensions: ['pdf'] },
  'image/png': { label: 'a PNG image', extensions: ['png'] },
  'image/jpeg': { label: 'a JPEG image', extensions: ['jpg', 'jpeg'] },
  'image/gif': { label: 'a GIF image', extensions: ['gif'] },
  'image/webp': { label: 'a WebP image', extensions: ['webp'] },
  'image/heic': { label: 'a HEIC image', extensions: ['heic'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { label: 'a Word document', extensions: ['docx'] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { label: 'an Excel workbook', extensions: ['xlsx'] },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { label: 'a PowerPoint presentation', extensions: ['pptx'] },
  'application/x-cfb': { label: 'an Office 97-2003 document', extensions: ['doc', 'xls', 'ppt'] },
  'application/vnd.oasis.opendocument.text': { label: 'an OpenDocument text', extensions: ['odt'] },
  'application/vnd.oasis.opendocument.spreadsheet': { label: 'an OpenDocument spreadsheet', extensions: ['ods'] },
  'application/vnd.oasis.opendocument.presentation': { label: 'an OpenDocument presentation', extensions: ['odp'] },
};

/** A safe display name: no directories, no control characters, bounded length. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .replace(/^\.+/, '')
    .trim();
  if (cleaned.length <= 200) return cleaned;
  // shortened before the extension, which the content is checked against
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 16 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, 200 - ext.length).trimEnd() + ext;
}

function storageDir(deps: Deps, organizationId: string): string {
  return path.join(deps.config.dataDir, 'attachments', organizationId);
}

async function customerKey(deps: Deps, s: AdminScope, customerId: string): Promise<q.CustomerKey> {
  if (!(await customers.findCustomer(deps.db, s, customerId))) throw notFound('Customer not found');
  return { organizationId: s.organizationId, locationId: s.locationId, customerId };
}

function toDto(r: Awaited<ReturnType<typeof q.listAttachments>>[number]) {
  return {
    id: r.id,
    fileName: r.file_name,
    contentType: r.content_type,
    size: Number(r.size),
    uploadedBy: { id: r.uploaded_by_user_id, name: `${r.first_name} ${r.last_name}`.trim() },
    createdAt: r.created_at,
  };
}

export async function list(deps: Deps, s: AdminScope, customerId: string) {
  return (await q.listAttachments(deps.db, await customerKey(deps, s, customerId))).map(toDto);
}

/** Checks the content against the accepted types and the name; throws a 400 saying what is wrong. */
export async function checkContent(name: string, data: Buffer): Promise<string> {
  const detected = await fileTypeFromBuffer(data);
  const accepted = detected ? ACCEPTED[detected.mime] : undefined;
  if (!detected || !accepted) {
    throw new AppError('bad_request', 'This file type is not accepted. Upload a PDF, an image or an office document.', [
      { path: 'file', message: 'File type not accepted' },
    ]);
  }
  const ext = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  if (!accepted.extensions.includes(ext)) {
    throw new AppError('bad_request', `This file is ${accepted.label}, but its name ends in ".${ext}". Rename it and upload it again.`, [
      { path: 'file', message: 'Name and content do not match' },
    ]);
  }
  return detected.mime;
}

export async function upload(deps: Deps, s: AdminScope, customerId: string, file: { filename: string; data: Buffer }) {
  const k = await customerKey(deps, s, customerId);
  const fileName = cleanFileName(file.filename);
  if (!fileName) throw new AppError('bad_request', 'The file needs a name', [{ path: 'file', message: 'Missing file name' }]);
  if (file.data.length === 0) throw new AppError('bad_request', 'The file is empty', [{ path: 'file', message: 'Empty file' }]);
  const contentType = await checkContent(fileName, file.data);
  const id = newId();
  const dir = storageDir(deps, s.organizationId);
  fs.mkdirSync(dir, { recursive: true });
  const storageKey = `${s.organizationId}/${id}`;
  await fs.promises.writeFile(path.join(dir, id), file.data, { flag: 'wx' });
  const now = deps.clock.now();
  try {
    await deps.db.transaction().execute(async (trx) => {
      await q.insertAttachment(trx, {
        id,
        organization_id: k.organizationId,
        location_id: k.locationId,
        customer_id: customerId,
        uploaded_by_user_id: s.actorUserId,
        file_name: fileName,
        content_type: contentType,
        size: file.data.length,
        storage_key: storageKey,
        created_at: now.toISOString(),
      });
      await activities.record(trx, { ...s, customerId, kind: 'attachment_added', data: { attachmentId: id, fileName } }, now);
    });
  } catch (err) {
    await fs.promises.rm(path.join(dir, id), { force: true });
    throw err;
  }
  return toDto((await q.findAttachment(deps.db, k, id))!);
}

export async function open(deps: Deps, s: AdminScope, customerId: string, id: string) {
  const row = await q.findAttachment(deps.db, await customerKey(deps, s, customerId), id);
  if (!row) throw notFound('Attachment not found');
  const file = path.join(deps.config.dataDir, 'attachments', row.storage_key);
  if (!fs.existsSync(file)) throw notFound('The file of this attachment is missing');
  return { fileName: row.file_name, contentType: row.content_type, size: Number(row.size), stream: fs.createReadStream(file) };
}

export async function remove(deps: Deps, s: AdminScope, customerId: string, id: string): Promise<void> {
  const k = await customerKey(deps, s, customerId);
  const row = await q.findAttachment(deps.db, k, id);
  if (!row) throw notFound('Attachment not found');
  await q.deleteAttachment(deps.db, k, id);
  await fs.promises.rm(path.join(deps.config.dataDir, 'attachments', row.storage_key), { force: true });
}
