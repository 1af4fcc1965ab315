import { Column, ColumnOptions, ValueTransformer } from 'typeorm';

/**
 * Times are stored as epoch milliseconds in a BIGINT. One representation on MySQL and SQLite means the
 * atomic conditional UPDATEs (attempt counts, expiry, rate windows) compare plain numbers in SQL on both
 * databases, with no driver-specific date formatting or time-zone settings to get wrong.
 */
const epochMs: ValueTransformer = {
  to: (value: Date | null | undefined) => (value instanceof Date ? value.getTime() : value ?? null),
  from: (value: string | number | null) => (value === null || value === undefined ? null : new Date(Number(value))),
};

export function TimeColumn(options: Omit<ColumnOptions, 'type' | 'transformer'> = {}): PropertyDecorator {
  return Column({ ...options, type: 'bigint', transformer: epochMs });
}

/** BIGINT counters and generations come back from mysql2 as strings; the app wants numbers. */
const bigintNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value ?? null,
  from: (value: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};

export function IntColumn(options: Omit<ColumnOptions, 'type' | 'transformer'> = {}): PropertyDecorator {
  return Column({ ...options, type: 'int', transformer: bigintNumber });
}

export const ID_LENGTH = 36;
