import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/domain-error.js';
import { checkUpload, contentDisposition, safeFileName, sniff, zipEntries, type Sniffed } from './sniff.js';

const text = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const le = (n: number, bytes: number) => Uint8Array.from({ length: bytes }, (_, i) => (n >>> (8 * i)) & 0xff);

/** A zip with stored (uncompressed) entries; CRCs are left at zero, the sniffer does not read them. */
function zip(entries: [string, string][], opts: { breakLocalName?: boolean } = {}): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const n = text(name);
    const data = text(content);
    const localName = opts.breakLocalName ? text(name.toUpperCase()) : n;
    const local = concat(le(0x04034b50, 4), le(20, 2), le(0, 2), le(0, 2), le(0, 4), le(0, 4), le(data.length, 4), le(data.length, 4), le(localName.length, 2), le(0, 2), localName, data);
    centrals.push(concat(le(0x02014b50, 4), le(20, 2), le(20, 2), le(0, 2), le(0, 2), le(0, 4), le(0, 4), le(data.length, 4), le(data.length, 4), le(n.length, 2), le(0, 2), le(0, 2), le(0, 2), le(0, 2), le(0, 4), le(offset, 4), n));
    locals.push(local);
    offset += local.length;
  }
  const cd = concat(...centrals);
  const eocd = concat(le(0x06054b50, 4), le(0, 2), le(0, 2), le(entries.length, 2), le(entries.length, 2), le(cd.length, 4), le(offset, 4), le(0, 2));
  return concat(...locals, cd, eocd);
}

const PDF = text('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
const OLE_MAGIC = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const utf16 = (s: string) => Uint8Array.from([...s].flatMap((c) => [c.charCodeAt(0), 0]));
const HWP = concat(OLE_MAGIC, new Uint8Array(504), utf16('Root Entry'), new Uint8Array(100), utf16('FileHeader'), new Uint8Array(100), text('HWP Document File'), new Uint8Array(15));
const DOCX = zip([
  ['[Content_Types].xml', '<Types/>'],
  ['_rels/.rels', '<Relationships/>'],
  ['word/document.xml', '<w:document/>'],
]);
const kind = (b: Uint8Array) => sniff(b)?.kind ?? null;

describe('sniff', () => {
  it('recognises each allowed kind from its bytes', () => {
    expect(kind(PDF)).toBe('pdf');
    expect(kind(PNG)).toBe('png');
    expect(kind(JPEG)).toBe('jpeg');
    expect(kind(DOCX)).toBe('docx');
    expect(kind(zip([['[Content_Types].xml', 'x'], ['xl/workbook.xml', 'x']]))).toBe('xlsx');
    expect(kind(zip([['[Content_Types].xml', 'x'], ['ppt/presentation.xml', 'x']]))).toBe('pptx');
    expect(kind(zip([['mimetype', 'application/hwp+zip'], ['Contents/content.hpf', 'x']]))).toBe('hwpx');
    expect(kind(HWP)).toBe('hwp');
    expect(sniff(DOCX)?.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it('refuses an executable, whatever it is called', () => {
    expect(kind(concat(text('MZ'), new Uint8Array(58), le(64, 4), text('PE\0\0')))).toBeNull();
    expect(kind(concat(text('\x7fELF'), new Uint8Array(60)))).toBeNull();
    expect(kind(text('#!/bin/sh\nrm -rf /\n'))).toBeNull();
  });

  it('refuses HTML and SVG, the formats a browser would run script from', () => {
    expect(kind(text('<!doctype html><script>alert(1)</script>'))).toBeNull();
    expect(kind(text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'))).toBeNull();
    // "%PDF" anywhere but the start does not make a PDF.
    expect(kind(text('<html>%PDF-1.4</html>'))).toBeNull();
  });

  it('refuses zips that are not documents, macro documents and malformed archives', () => {
    expect(kind(zip([['payload.exe', 'MZ']]))).toBeNull();
    expect(kind(zip([['[Content_Types].xml', 'x'], ['word/document.xml', 'x'], ['word/vbaProject.bin', 'x']]))).toBeNull();
    expect(kind(zip([['[Content_Types].xml', 'x'], ['other/thing.xml', 'x']]))).toBeNull();
    expect(kind(zip([['mimetype', 'application/vnd.oasis.opendocument.text'], ['content.xml', 'x']]))).toBeNull();
    // Central and local directories disagree: not trusted.
    expect(kind(zip([['[Content_Types].xml', 'x'], ['word/document.xml', 'x']], { breakLocalName: true }))).toBeNull();
    // Truncated: no end-of-central-directory record.
    expect(kind(DOCX.slice(0, DOCX.length - 10))).toBeNull();
    expect(zipEntries(DOCX)?.map((e) => e.name)).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
  });

  it('takes only OLE files with an HWP header stream, not .doc or .msi', () => {
    expect(kind(concat(OLE_MAGIC, new Uint8Array(504), utf16('Root Entry'), utf16('WordDocument')))).toBeNull();
    expect(kind(concat(OLE_MAGIC, new Uint8Array(504), utf16('FileHeader')))).toBeNull();
  });
});

describe('checkUpload', () => {
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof DomainError ? `${e.code}${e.params.max !== undefined ? `:${e.params.max}` : ''}` : 'other';
    }
    return 'ok';
  };

  it('refuses an empty file, an oversized one and a disallowed kind with distinct codes', () => {
    expect(code(() => checkUpload(new Uint8Array(0), 1024))).toBe('files.empty');
    expect(code(() => checkUpload(concat(PDF, new Uint8Array(2 * 1024 * 1024)), 2 * 1024 * 1024))).toBe('files.too_large:2');
    expect(code(() => checkUpload(text('<html></html>'), 1024))).toBe('files.type_not_allowed');
    expect(code(() => checkUpload(PDF, PDF.length))).toBe('ok');
  });
});

describe('safeFileName', () => {
  const pdf = sniff(PDF)!;
  const jpeg = sniff(JPEG)! as Sniffed;
  it('keeps a fitting name and drops directories', () => {
    expect(safeFileName('지원서 최종.pdf', pdf)).toBe('지원서 최종.pdf');
    expect(safeFileName('../../etc/passwd.pdf', pdf)).toBe('passwd.pdf');
    expect(safeFileName('C:\\Users\\me\\cv.PDF', pdf)).toBe('cv.PDF');
    expect(safeFileName('photo.jpeg', jpeg)).toBe('photo.jpeg');
  });
  it('gives a disguised file the extension of what it really is', () => {
    expect(safeFileName('report.html', pdf)).toBe('report.html.pdf');
    expect(safeFileName('cv\u202efdp.exe', pdf)).toBe('cvfdp.exe.pdf');
    expect(safeFileName('', pdf)).toBe('file.pdf');
    expect(safeFileName('...', pdf)).toBe('file.pdf');
    expect(safeFileName('a\r\nb".pdf', pdf)).toBe("ab'.pdf");
  });
  it('caps the length but keeps the extension', () => {
    const long = safeFileName(`${'가'.repeat(500)}.pdf`, pdf);
    expect([...long]).toHaveLength(200);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});

describe('contentDisposition', () => {
  it('always downloads, with an ASCII fallback and the exact name in filename*', () => {
    expect(contentDisposition('지원서 (1).pdf')).toBe(`attachment; filename="___ (1).pdf"; filename*=UTF-8''%EC%A7%80%EC%9B%90%EC%84%9C%20%281%29.pdf`);
    expect(contentDisposition("it's.pdf")).toBe(`attachment; filename="it's.pdf"; filename*=UTF-8''it%27s.pdf`);
    expect(contentDisposition('a;b\\c.pdf')).toContain('filename="a_b_c.pdf"');
  });
});
