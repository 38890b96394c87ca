// Maps what web-llm throws (often a plain string: worker errors cross as `err.toString()`) to our
// AppError codes. Page thread, but pure.

import { AppError, isAbortError } from '../core/errors';

/** Patterns over the error text, first match wins; device loss before memory (its message says "OOM"). */
const RULES: [RegExp, AppError['code']][] = [
  [/Failed to fetch|NetworkError|Load failed|network error|ERR_INTERNET_DISCONNECTED/i, 'llm-offline'],
  [/DeviceLost|device (?:was |is |has been )?lost/i, 'llm-device-lost'],
  [/out of memory|OutOfMemory|\bOOM\b|allocation failed|Not enough memory/i, 'llm-out-of-memory'],
  [/WebGPUNotAvailable|WebGPUNotFound|WebGPU is not supported|Unable to find a compatible GPU|No WebGPU adapter|navigator\.gpu/i, 'llm-no-webgpu'],
  [/QuotaExceeded|quota/i, 'quota-exceeded'],
];

export function describeError(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

export function toLlmError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isAbortError(error)) return new AppError('cancelled');
  const detail = describeError(error);
  for (const [pattern, code] of RULES) if (pattern.test(detail)) return new AppError(code, detail);
  return new AppError('llm-failed', detail);
}
