import { afterEach, describe, expect, it, vi } from 'vitest';
import { ackFirst } from '../../src/ack-first.js';

/** Lets the event loop go round `n` times (real timers). */
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

afterEach(() => void vi.useRealTimers());

describe('acks first: work waits while a Slack delivery waits for its listener', () => {
  it('with nothing waiting, the work goes on the next turn', async () => {
    const acks = ackFirst();
    let went = false;
    void acks.turn().then(() => (went = true));
    expect(went).toBe(false); // never in the same turn: the I/O already read goes first
    await turns(2);
    expect(went).toBe(true);
  });

  it('work waits while a delivery has arrived and goes once its listener starts', async () => {
    const acks = ackFirst();
    const release = acks.arrived();
    let went = false;
    void acks.turn().then(() => (went = true));
    await turns(5);
    expect(went).toBe(false);
    expect(acks.waiting).toBe(1);
    release();
    release(); // a second release (listener started, then the answer closed) counts once
    expect(acks.waiting).toBe(0);
    await turns(2);
    expect(went).toBe(true);
  });

  it('one piece of work per turn: a delivery that arrives meanwhile goes before the next piece', async () => {
    const acks = ackFirst();
    const order: string[] = [];
    let late: (() => void) | undefined;
    void acks.turn().then(() => {
      order.push('first work');
      late = acks.arrived(); // a delivery read while the first piece ran
    });
    void acks.turn().then(() => order.push('second work'));
    await turns(5);
    expect(order).toEqual(['first work']);
    order.push('delivery acked');
    late?.();
    await turns(3);
    expect(order).toEqual(['first work', 'delivery acked', 'second work']);
  });

  it('a steady stream of deliveries cannot starve the work: it goes after maxWaitMs', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'performance'] });
    const acks = ackFirst({ maxWaitMs: 200, maxHoldMs: 60_000 });
    acks.arrived(); // never released
    let went = false;
    void acks.turn().then(() => (went = true));
    await vi.advanceTimersByTimeAsync(150);
    expect(went).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(went).toBe(true);
  });

  it('a delivery nothing releases stops counting after maxHoldMs', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'performance'] });
    const acks = ackFirst({ maxWaitMs: 60_000, maxHoldMs: 3_000 });
    acks.arrived();
    let went = false;
    void acks.turn().then(() => (went = true));
    await vi.advanceTimersByTimeAsync(2_900);
    expect([went, acks.waiting]).toEqual([false, 1]);
    await vi.advanceTimersByTimeAsync(200);
    expect([went, acks.waiting]).toEqual([true, 0]);
  });
});
