import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ID_LENGTH, IntColumn, TimeColumn } from '../db/columns';

@Entity('companies')
export class CompanyRow {
  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH })
  id: string;

  @Column({ name: 'portal_id', type: 'varchar', length: ID_LENGTH })
  portalId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @TimeColumn({ name: 'created_at' })
  createdAt: Date;

  /** The company's customers, stored (portals/customer-counts.ts). */
  @IntColumn({ name: 'customer_count', default: 0 })
  customerCount: number;
}
