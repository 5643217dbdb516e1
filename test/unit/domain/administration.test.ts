// Unit tests: the administrator's rules — who may change a committee or grant a role, and the tree's cycle rule.
import { describe, expect, it } from 'vitest';
import {
  hamletIdFor,
  isInAdminSubtree,
  type Lineage,
  mayChangeCommittee,
  mayGrant,
  wouldCreateCycle,
} from '../../../shared/domain/administration.js';
import { hamletName } from '../../../shared/domain/committee.js';
import type { Principal } from '../../../shared/domain/roles.js';

const CITY = { id: 'city', kind: 'board' } as const;
const DISTRICT = { id: 'ninh-kieu', kind: 'board' } as const;
const OTHER_DISTRICT = { id: 'cai-rang', kind: 'board' } as const;
const WARD = { id: 'an-hoa', kind: 'residence' } as const;
const WORKPLACE = { id: 'so-y-te', kind: 'workplace' } as const;

/** Lineages, nearest first. */
const ward: Lineage = [WARD, DISTRICT, CITY];
const district: Lineage = [DISTRICT, CITY];
const workplace: Lineage = [WORKPLACE, DISTRICT, CITY];

const admin = (orgId: string): Principal => ({ sub: `admin-${orgId}`, orgId, role: 'admin' });

describe('Function: mayGrant', () => {
  it('lets an admin of an ancestor board grant a role the committee can hold', () => {
    // Prepare
    const districtAdmin = admin(DISTRICT.id);

    // Act
    const results = [
      mayGrant(districtAdmin, ward, 'residence_staff'),
      mayGrant(districtAdmin, ward, 'chair'),
      mayGrant(districtAdmin, workplace, 'workplace_staff'),
      mayGrant(admin(CITY.id), ward, 'secretary'),
    ];

    // Assess
    expect(results).toEqual([true, true, true, true]);
  });

  it('lets an admin grant on their own board (inviting a colleague), but not on the board above', () => {
    // Prepare
    const districtAdmin = admin(DISTRICT.id);

    // Act
    const own = mayGrant(districtAdmin, district, 'admin');
    const above = mayGrant(districtAdmin, [CITY], 'board_staff');

    // Assess
    expect(own).toBe(true);
    expect(above).toBe(false);
  });

  it('refuses an admin of another subtree, a non-admin, and a role the committee cannot hold', () => {
    // Prepare
    const chair: Principal = { sub: 'c', orgId: DISTRICT.id, role: 'board_staff' };

    // Act
    const results = [
      mayGrant(admin(OTHER_DISTRICT.id), ward, 'residence_staff'),
      mayGrant(chair, ward, 'residence_staff'),
      mayGrant(admin(DISTRICT.id), ward, 'admin'),
      mayGrant(admin(DISTRICT.id), workplace, 'chair'),
      mayGrant(admin(DISTRICT.id), district, 'residence_staff'),
    ];

    // Assess
    expect(results).toEqual([false, false, false, false, false]);
  });
});

describe('Function: mayChangeCommittee', () => {
  it('belongs to an admin strictly above the committee', () => {
    // Prepare
    const districtAdmin = admin(DISTRICT.id);

    // Act
    const onWard = mayChangeCommittee(districtAdmin, ward);
    const onOwnBoard = mayChangeCommittee(districtAdmin, district);
    const byCity = mayChangeCommittee(admin(CITY.id), district);

    // Assess
    expect(onWard).toBe(true);
    expect(onOwnBoard).toBe(false);
    expect(byCity).toBe(true);
  });

  it('is only for admins: board staff and viewers of the same board may not', () => {
    // Prepare
    const staff: Principal = { sub: 's', orgId: DISTRICT.id, role: 'board_staff' };
    const viewer: Principal = { sub: 'v', orgId: DISTRICT.id, role: 'viewer' };

    // Act
    const results = [
      mayChangeCommittee(staff, ward),
      mayChangeCommittee(viewer, ward),
      isInAdminSubtree(staff, ward),
    ];

    // Assess
    expect(results).toEqual([false, false, false]);
  });
});

describe('Function: wouldCreateCycle', () => {
  it('refuses a move under itself or under one of its descendants', () => {
    // Prepare
    const underItsWard = [WARD, DISTRICT, CITY];

    // Act
    const intoDescendant = wouldCreateCycle(DISTRICT.id, underItsWard);
    const intoItself = wouldCreateCycle(DISTRICT.id, district);

    // Assess
    expect(intoDescendant).toBe(true);
    expect(intoItself).toBe(true);
  });

  it('allows a move to a sibling branch', () => {
    // Prepare
    const otherBranch: Lineage = [OTHER_DISTRICT, CITY];

    // Act
    const result = wouldCreateCycle(WARD.id, otherBranch);

    // Assess
    expect(result).toBe(false);
  });
});

describe('Function: hamletName', () => {
  it("shows the ward's name of a hamlet, and the id when the hamlet is not listed", () => {
    // Prepare
    const committee = { hamlets: [{ id: 'an-hoa-kv1', name: 'Khu vực 1' }] };

    // Act
    const listed = hamletName(committee, 'an-hoa-kv1');
    const unlisted = hamletName(committee, 'an-hoa-kv9');
    const noWard = hamletName(undefined, 'an-hoa-kv1');

    // Assess
    expect(listed).toBe('Khu vực 1');
    expect(unlisted).toBe('an-hoa-kv9');
    expect(noWard).toBe('an-hoa-kv1');
  });
});

describe('Function: hamletIdFor', () => {
  it("makes the id of a hamlet typed by name from the ward's id and the name without accents", () => {
    // Act
    const id = hamletIdFor('phuong-cai-khe', 'Khu vực Đầu Sấu 3', new Set());

    // Assess
    expect(id).toBe('phuong-cai-khe-khu-vuc-dau-sau-3');
  });

  it('adds a number when the id is taken, and stays a valid id for a name of symbols or a long name', () => {
    // Act
    const taken = hamletIdFor('w', 'Ấp 1', new Set(['w-ap-1', 'w-ap-1-2']));
    const symbols = hamletIdFor('w', '***', new Set());
    const long = hamletIdFor('phuong-co-ten-rat-dai', 'Khu vực '.repeat(20), new Set());

    // Assess
    expect(taken).toBe('w-ap-1-3');
    expect(symbols).toBe('w-ap');
    expect(long).toMatch(/^[a-z0-9-]{1,60}$/);
    expect(long.endsWith('-')).toBe(false);
  });
});
