import { badInput } from './errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './connection.types';

/** `first` within 1..100 (docs/API.md "Pagination and sync": over 100 is BAD_USER_INPUT). */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return first;
}
