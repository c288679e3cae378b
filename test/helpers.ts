import { expect } from 'vitest';
import { EconomyError, type ErrorCode } from '../src/index.js';

/** Runs `action`, expects an EconomyError with `code` (and a message matching `message`), and returns it. */
export function expectEconomyError(action: () => unknown, code: ErrorCode, message?: RegExp): EconomyError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(EconomyError);
    const economyError = error as EconomyError;
    expect(economyError.code).toBe(code);
    if (message) expect(economyError.message).toMatch(message);
    return economyError;
  }
  throw new Error(`expected an EconomyError ${code}, but nothing was thrown`);
}
