/**
 * What an uploaded file is, told from its bytes alone (security guide row 22;
 * ASVS 5.2.2): the name and the Content-Type header are the sender's claims and are never
 * believed. Only document and image formats an application needs are allowed: PDF, PNG, JPEG,
 * Office Open XML (DOCX, XLSX, PPTX; macro-enabled variants refused), HWPX and HWP 5. Anything
 * else — executables, HTML, scripts, archives of other kinds — is refused.
 */
import { DomainError } from '../shared/domain-error.js';

export type FileKind = 'pdf' | 'png' | 'jpeg' | 'docx' | 'xlsx' | 'pptx' | 'hwpx' | 'hwp';

export interface Sniffed {
  kind: FileKind;
  /** The media type the file is served with. */
  mediaType: string;
  /** Extension a saved copy should end with, so opening it locally picks the right program. */
  extension: string;
}

const KINDS: Record<FileKind, Sniffed> = {
  pdf: { kind: 'pdf', mediaType: 'application/pdf', extension: 'pdf' },
  png: { kind: 'png', mediaType: 'image/png', extension: 'png' },
  jpeg: { kind: 'jpeg', mediaType: 'image/jpeg', extension: 'jpg' },
  docx: { kind: 'docx', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  xlsx: { kind: 'xlsx', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  pptx: { kind: 'pptx', mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extension: 'pptx' },
  hwpx: { kind: 'hwpx', mediaType: 'application/hwp+zip', extension: 'hwpx' },
  hwp: { kind: 'hwp', mediaType: 'application/x-hwp', extension: 'hwp' },
};

/** Extensions a download name may keep for each kind (others get the kind's own appended). */
const EXTENSIONS: Record<FileKind, readonly string[]> = {
  pdf: ['pdf'],
  png: ['png'],
  jpeg: ['jpg', 'jpeg'],
  docx: ['docx'],
  xlsx: ['xlsx'],
  pptx: ['pptx'],
  hwpx: ['hwpx'],
  hwp: ['hwp'],
};

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean => bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

const PDF = ascii('%PDF-');
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const u16 = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number): number => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

/** Latin-1 view of a byte range; zip entry names we look for are plain ASCII. */
function latin1(b: Uint8Array, from: number, length: number): string {
  let s = '';
  for (let i = from; i < from + length && i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}

interface ZipEntry {
  name: string;
  method: number;
  localOffset: number;
  compressedSize: number;
}

/**
 * The entries of a zip archive, read from its central directory (what Office and Hancom read) and
 * checked against the local file header each entry points to, so a file whose two directories
 * disagree is not taken for a document. Null when the archive is malformed. No decompression.
 */
export function zipEntries(b: Uint8Array): ZipEntry[] | null {
  // End of central directory: 22 bytes plus a comment of at most 65,535, at the very end.
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = b.length - 22; i >= 0 && i >= b.length - 22 - 0xffff; i--) {
    if (u32(b, i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = u16(b, eocd + 10);
  const cdSize = u32(b, eocd + 12);
  const cdOffset = u32(b, eocd + 16);
  if (count === 0 || cdOffset + cdSize > eocd) return null;
  const entries: ZipEntry[] = [];
  let at = cdOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > b.length || u32(b, at) !== 0x02014b50) return null;
    const method = u16(b, at + 10);
    const compressedSize = u32(b, at + 20);
    const nameLength = u16(b, at + 28);
    const extraLength = u16(b, at + 30);
    const commentLength = u16(b, at + 32);
    const localOffset = u32(b, at + 42);
    const name = latin1(b, at + 46, nameLength);
    // The local header must exist and name the same entry.
    if (localOffset + 30 > b.length || u32(b, localOffset) !== 0x04034b50) return null;
    if (latin1(b, localOffset + 30, u16(b, localOffset + 26)) !== name) return null;
    entries.push({ name, method, localOffset, compressedSize });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The stored (uncompressed) content of an entry as text, for HWPX's `mimetype`. */
function storedText(b: Uint8Array, e: ZipEntry): string | null {
  if (e.method !== 0 || e.compressedSize > 200) return null;
  const start = e.localOffset + 30 + u16(b, e.localOffset + 26) + u16(b, e.localOffset + 28);
  return latin1(b, start, e.compressedSize);
}

function sniffZip(b: Uint8Array): Sniffed | null {
  const entries = zipEntries(b);
  if (!entries) return null;
  const names = new Set(entries.map((e) => e.name));
  // HWPX (OWPML, KS X 6101): like ODF, a stored `mimetype` entry names the format.
  const mimetype = entries.find((e) => e.name === 'mimetype');
  if (mimetype) return storedText(b, mimetype) === 'application/hwp+zip' ? KINDS.hwpx : null;
  if (!names.has('[Content_Types].xml')) return null;
  // Macros run code when the document opens: refuse them whatever the main part says.
  if ([...names].some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) return null;
  if (names.has('word/document.xml')) return KINDS.docx;
  if (names.has('xl/workbook.xml')) return KINDS.xlsx;
  if (names.has('ppt/presentation.xml')) return KINDS.pptx;
  return null;
}

/** UTF-16LE bytes of an ASCII name, as OLE directory entries store them. */
const utf16 = (s: string): number[] => [...s].flatMap((c) => [c.charCodeAt(0), 0]);
const HWP_STREAM = utf16('FileHeader');
const HWP_SIGNATURE = ascii('HWP Document File');

function indexOf(haystack: Uint8Array, needle: readonly number[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * HWP 5 is an OLE compound file, as are .doc, .xls and .msi installers. It counts as HWP only with
 * a `FileHeader` stream (named in the directory) holding the "HWP Document File" signature; that
 * stream is never compressed, so both appear as plain bytes somewhere in the file.
 */
function sniffOle(b: Uint8Array): Sniffed | null {
  return indexOf(b, HWP_STREAM) >= 0 && indexOf(b, HWP_SIGNATURE) >= 0 ? KINDS.hwp : null;
}

/** The allowed kind the bytes are, or null when they are none of them. */
export function sniff(bytes: Uint8Array): Sniffed | null {
  if (startsWith(bytes, PDF)) return KINDS.pdf;
  if (startsWith(bytes, PNG)) return KINDS.png;
  if (startsWith(bytes, JPEG)) return KINDS.jpeg;
  if (startsWith(bytes, ZIP_LOCAL)) return sniffZip(bytes);
  if (startsWith(bytes, OLE)) return sniffOle(bytes);
  return null;
}

/**
 * Checks an upload before anything is stored: empty → files.empty (415), over `maxBytes` →
 * files.too_large (413), not an allowed kind → files.type_not_allowed (415).
 */
export function checkUpload(bytes: Uint8Array, maxBytes: number): Sniffed {
  if (bytes.length === 0) throw new DomainError('files.empty');
  if (bytes.length > maxBytes) throw new DomainError('files.too_large', { max: formatMegabytes(maxBytes) });
  const sniffed = sniff(bytes);
  if (!sniffed) throw new DomainError('files.type_not_allowed');
  return sniffed;
}

/** "10 MB" style figure for messages: one decimal below 10 MB. */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 10 || Number.isInteger(mb) ? String(Math.round(mb)) : mb.toFixed(1);
}

export const FILE_NAME_MAX = 200;

/** C0/C1 controls and the marks that reorder text on screen. */
const isInvisible = (cp: number): boolean => cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0x200e || cp === 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);

/**
 * The name a file is kept and offered under: the last path segment of what the sender called it,
 * without control or bidirectional-override characters (which disguise extensions, e.g.
 * "cv‮fdp.exe"), at most FILE_NAME_MAX characters, and ending in an extension of its real kind
 * ("report.html" holding a PDF becomes "report.html.pdf").
 */
export function safeFileName(raw: string, sniffed: Sniffed): string {
  const segment = raw.split(/[/\\]/).pop() ?? '';
  let name = [...segment.normalize('NFC')]
    .filter((c) => !isInvisible(c.codePointAt(0)!))
    .join('')
    .replace(/["]/g, "'")
    .trim()
    .replace(/^\.+/, '');
  const ext = /\.([A-Za-z0-9]{1,10})$/.exec(name)?.[1]?.toLowerCase();
  if (!ext || !EXTENSIONS[sniffed.kind].includes(ext)) name = `${name === '' ? 'file' : name}.${sniffed.extension}`;
  const chars = [...name];
  if (chars.length > FILE_NAME_MAX) {
    const suffix = `.${name.split('.').pop()!}`;
    name = chars.slice(0, FILE_NAME_MAX - [...suffix].length).join('') + suffix;
  }
  return name;
}

/**
 * A Content-Disposition value that downloads (never displays) the file under its name: an ASCII
 * fallback for old clients and the exact name in RFC 5987 / RFC 6266 `filename*` form.
 */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
