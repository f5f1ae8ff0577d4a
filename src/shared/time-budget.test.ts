import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TimeBudget } from './time-budget.js';

describe('TimeBudget', () => {
  const at = (start: number) => {
    const clock = { now: start };
    return { clock, budget: (ms: number) => new TimeBudget(ms, () => clock.now) };
  };

  it('allows work until the last second has had its share, then refuses and counts it', () => {
    const { budget } = at(5_000);
    const b = budget(300);
    b.charge(200);
    assert.equal(b.allows(), true);
    b.charge(100);
    assert.equal(b.allows(), false);
    assert.equal(b.allows(), false);
    assert.equal(b.refused, 2);
  });

  it('forgets work older than a second, slot by slot', () => {
    const { clock, budget } = at(10_000);
    const b = budget(300);
    b.charge(200);
    clock.now += 500;
    b.charge(150);
    assert.equal(b.allows(), false, '350 ms within the second');
    clock.now += 550;
    assert.equal(b.spent(), 150, 'the first charge is over a second old');
    assert.equal(b.allows(), true);
    clock.now += 1_000;
    assert.equal(b.spent(), 0);
  });

  it('reuses a slot a whole turn later without adding what it held', () => {
    const { clock, budget } = at(0);
    const b = budget(1_000);
    b.charge(400);
    clock.now += 1_000; // the same slot index, ten slots on
    b.charge(50);
    assert.equal(b.spent(), 50);
  });

  it('charges the time measured work took, also when it throws', async () => {
    const { clock, budget } = at(1_000);
    const b = budget(100);
    await b.measure(async () => {
      clock.now += 60;
    });
    await assert.rejects(
      b.measure(async () => {
        clock.now += 50;
        throw new Error('failed');
      }),
    );
    assert.equal(b.spent(), 110);
    assert.equal(b.allows(), false);
  });

  it('allows everything with no share set', () => {
    const { budget } = at(0);
    const b = budget(0);
    b.charge(10_000);
    assert.equal(b.allows(), true);
    assert.equal(b.refused, 0);
  });
});
