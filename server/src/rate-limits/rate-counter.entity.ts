import { Entity, PrimaryColumn } from 'typeorm';
import { IntColumn, TimeColumn } from '../db/columns';

/** One fixed window per key, starting at its first hit; see rate-limiter.ts. */
@Entity('rate_counters')
export class RateCounterRow {
  @PrimaryColumn({ name: 'counter_key', type: 'varchar', length: 191 })
  key: string;

  @IntColumn()
  hits: number;

  @TimeColumn({ name: 'reset_at' })
  resetAt: Date;
}
