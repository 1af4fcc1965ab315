import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ID_LENGTH } from '../db/columns';

@Entity('profiles')
export class ProfileRow {
  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH })
  id: string;

  @Column({ name: 'portal_id', type: 'varchar', length: ID_LENGTH })
  portalId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'master_admin', type: 'boolean', default: false })
  masterAdmin: boolean;
}
