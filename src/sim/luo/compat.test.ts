import { describe, expect, it } from 'vitest';
import { checkUpdate, compatMatrix, KERNELS, planUpgrade, type KernelNode } from './compat';

const k = (id: string) => KERNELS.find((x) => x.id === id)!;

describe('version compatibility', () => {
  it('A -> B only when B reads what A writes', () => {
    expect(checkUpdate(k('6.16'), k('6.19'))).toMatchObject({ allowed: true, choice: { kho: 'kho-v1' } });
    const v = checkUpdate(k('6.19'), k('radix'));
    expect(v.allowed).toBe(false);
    expect(v.reasons.join(' ')).toMatch(/kho-v1.*kho/);
    expect(checkUpdate(k('6.19'), k('6.18')).reasons.join(' ')).toMatch(/no luo/);
  });

  it('a transition kernel writes old and new; luod picks the newest the next kernel reads', () => {
    expect(checkUpdate(k('T1'), k('6.19'))).toMatchObject({ allowed: true, choice: { kho: 'kho-v1', memfd: 'memfd-v1', luo: 'luo-v1' } });
    expect(checkUpdate(k('T1'), k('F'))).toMatchObject({ allowed: true, choice: { kho: 'kho-v2', memfd: 'memfd-v2' } });
  });

  it('the matrix is square with an allowed diagonal', () => {
    const m = compatMatrix();
    expect(m.length).toBe(KERNELS.length);
    m.forEach((row, i) => {
      expect(row.length).toBe(KERNELS.length);
      expect(row[i].allowed).toBe(true);
    });
  });

  it('the planner finds a chain through the transition kernel', () => {
    const p = planUpgrade('6.19', 'F');
    expect(p.ok).toBe(true);
    if (p.ok) {
      expect(p.path[0]).toBe('6.19');
      expect(p.path).toContain('T1');
      expect(p.path[p.path.length - 1]).toBe('F');
      expect(p.steps.every((s) => s.allowed)).toBe(true);
    }
  });

  it('or says why none exists', () => {
    const p = planUpgrade('F', '6.19');
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.reason).toMatch(/no chain of live updates from F reaches 6.19/);
    const noT1 = KERNELS.filter((x) => x.id !== 'T1');
    const q = planUpgrade('6.19', 'radix', noT1);
    expect(q.ok).toBe(false);
    if (!q.ok) expect(q.reason).toMatch(/kho/);
  });

  it('what-if: a user-defined kernel changes the plan', () => {
    const bridge: KernelNode = { id: 'bridge', label: 'what-if', reads: ['kho-v1', 'luo-v1', 'memfd-v1'], writes: ['kho-v2', 'luo-v1', 'memfd-v1'], illustrative: true, evidence: 'what-if' };
    const list = [...KERNELS.filter((x) => x.id !== 'T1' && x.id !== 'T2'), bridge];
    list.splice(list.findIndex((x) => x.id === 'radix'), 0, list.pop()!);
    const p = planUpgrade('6.19', 'radix', list);
    expect(p.ok && p.path).toEqual(['6.19', 'bridge', 'radix']);
  });

  it('illustrative kernels are marked', () => {
    expect(KERNELS.filter((x) => x.illustrative).map((x) => x.id)).toEqual(['T1', 'T2', 'F']);
  });
});
