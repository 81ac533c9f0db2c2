import { describe, expect, it } from 'vitest';
import { complaintContacts, NATIONAL_COMPLAINTS } from '../../src/lib/site/complaints.ts';
import { parseSiteConfig } from '../../src/lib/site/config.ts';

const table = {
  '420000': { childcare: [{ name: '湖北省卫生健康委员会' }] },
  '420112': { childcare: [{ name: '东西湖区卫生健康局', phone: '027-1234' }] },
};

describe('where to complain', () => {
  it('takes the innermost region with an entry for the sector', () => {
    expect(complaintContacts(['420000', '420100', '420112'], 'childcare', table).contacts[0]?.name).toBe(
      '东西湖区卫生健康局',
    );
    expect(complaintContacts(['420000', '420100', '420102'], 'childcare', table).contacts[0]?.name).toBe(
      '湖北省卫生健康委员会',
    );
  });

  it('falls back to the national numbers: 卫生健康 and 12345 for 托育, 12315 for 月子', () => {
    const c = complaintContacts(['420000', '420100', '420112'], 'postpartum', table);
    expect(c.region).toBeNull();
    expect(c.contacts).toBe(NATIONAL_COMPLAINTS.postpartum);
    expect(c.contacts.map((x) => x.phone)).toContain('12315');
    expect(NATIONAL_COMPLAINTS.childcare.map((x) => x.phone)).toContain('12345');
    expect(NATIONAL_COMPLAINTS.childcare[0]?.name).toContain('卫生健康');
  });

  it('checks the table in site.config.mjs', () => {
    const base = {
      name: 'x',
      publisher: 'x',
      regionScope: 'x',
      contact: { email: 'a@b.org' },
      licence: { name: 'x' },
      url: 'https://x.org',
    };
    expect(parseSiteConfig({ ...base, complaints: table }).complaints['420112']?.childcare?.[0]?.phone).toBe(
      '027-1234',
    );
    expect(() => parseSiteConfig({ ...base, complaints: { 4201: { childcare: [] } } })).toThrow(/complaints/);
    expect(() =>
      parseSiteConfig({
        ...base,
        complaints: { 420112: { childcare: [{ name: 'x', url: 'javascript:x' }] } },
      }),
    ).toThrow(/complaints/);
  });
});
