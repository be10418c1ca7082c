import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isWorkerNote, STALL_LIMIT_MS, Watchdog } from './watchdog';

describe('the watchdog of a worker running learner code', () => {
  let hung: string[];
  let dog: Watchdog;
  beforeEach(() => {
    vi.useFakeTimers();
    hung = [];
    dog = new Watchdog(1000, (cb) => hung.push(cb));
  });
  afterEach(() => vi.useRealTimers());

  it('a worker slow to start is not hung: the budget runs from the moment learner code starts', () => {
    dog.waiting(); // a delivery waits while the worker starts
    vi.advanceTimersByTime(5000);
    dog.note({ callback: 'registered' });
    vi.advanceTimersByTime(999);
    dog.note({ left: true });
    dog.answered();
    vi.advanceTimersByTime(60_000);
    expect(hung).toEqual([]);
  });

  it('a callback that does not return within its budget is named', () => {
    dog.waiting();
    dog.note({ callback: 'resourceOffers' });
    vi.advanceTimersByTime(999);
    expect(hung).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(hung).toEqual(['resourceOffers']);
  });

  it('each callback of a delivery has a budget of its own', () => {
    dog.waiting();
    dog.note({ callback: "the module's top-level code" });
    vi.advanceTimersByTime(700);
    dog.note({ left: true });
    dog.note({ callback: 'registered' });
    vi.advanceTimersByTime(700);
    dog.note({ left: true });
    dog.answered();
    vi.advanceTimersByTime(60_000);
    expect(hung).toEqual([]);
  });

  it("the module's top-level code is timed even when no delivery waits yet", () => {
    dog.note({ callback: "the module's top-level code" });
    vi.advanceTimersByTime(1000);
    expect(hung).toEqual(["the module's top-level code"]);
  });

  it('a delivery that sees no learner code at all is given up after the stall limit', () => {
    dog.waiting();
    vi.advanceTimersByTime(STALL_LIMIT_MS - 1);
    expect(hung).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(hung).toEqual(['a callback']);
  });

  it('a callback already timed keeps its budget when another delivery starts waiting', () => {
    dog.note({ callback: 'statusUpdate' });
    vi.advanceTimersByTime(600);
    dog.waiting();
    vi.advanceTimersByTime(400);
    expect(hung).toEqual(['statusUpdate']);
  });

  it('tells worker notes from other messages', () => {
    expect(isWorkerNote({ callback: 'registered' })).toBe(true);
    expect(isWorkerNote({ left: true })).toBe(true);
    expect(isWorkerNote({ mesosLabPort: 1 })).toBe(false);
    expect(isWorkerNote(null)).toBe(false);
    expect(isWorkerNote('registered')).toBe(false);
  });
});
