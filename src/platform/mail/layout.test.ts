import { describe, expect, it } from 'vitest';
import { joinLanguages, renderMail } from './layout.js';

describe('the mail layout', () => {
  it('keeps the text, escapes every piece of it in the HTML and names the link by the kind', () => {
    const body = '<b>홍</b> & 길동님, 안녕하세요.\n\n아래 링크를 여세요.\nhttps://campus.example.org/verify-email#token=abc&x=1\n\n오픈캠퍼스';
    const { text, html } = renderMail({ kind: 'account_email_verification', lang: 'ko', subject: '[오픈캠퍼스] <확인>', body });
    expect(text.startsWith(body)).toBe(true);
    expect(html).toContain('<html lang="ko">');
    expect(html).toContain('<title>[오픈캠퍼스] &lt;확인&gt;</title>');
    expect(html).toContain('&lt;b&gt;홍&lt;/b&gt; &amp; 길동님');
    expect(html).not.toContain('<b>');
    expect(html).toContain('href="https://campus.example.org/verify-email#token=abc&amp;x=1"');
    expect(html).toContain('>이메일 주소 확인하기</a>');
    expect(html).not.toContain('unsubscribe');
  });

  it('gives each language of a bilingual message its own section and the footer the unsubscribe link', () => {
    const { text, html } = renderMail({
      kind: 'reviewer_invitation',
      lang: 'en',
      subject: 'Invitation',
      body: joinLanguages('Hello,\n\nhttps://x.example/a', '안녕하세요.\n\nhttps://x.example/a'),
      unsubscribe: { category: 'review', url: 'https://x.example/api/v1/mail/unsubscribe?token=t' },
    });
    expect(html).toContain('<html lang="en">');
    expect(html.indexOf('<section lang="en"')).toBeLessThan(html.indexOf('<section lang="ko"'));
    expect(html).toContain('>Open the reviewer invitation</a>');
    expect(html).toContain('>심사위원 초대 열기</a>');
    expect(html).toContain('href="https://x.example/api/v1/mail/unsubscribe?token=t"');
    expect(text).toContain('https://x.example/api/v1/mail/unsubscribe?token=t');
  });
});
