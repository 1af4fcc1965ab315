import type { EventFollower } from '../audit/event.service';
import type { NoticeOutbox } from './notice-outbox';
import { NOTICES } from './notices';

/** The events of notices.ts queue their email in the transaction that records them (audit/event.service.ts). */
export function noticeFollower(outbox: NoticeOutbox): EventFollower {
  return {
    follows: (type) => NOTICES[type] !== undefined,
    recorded: async (e, at, m) => {
      if (!e.customerId) return;
      const tells = NOTICES[e.type]?.tells;
      if (tells && !tells(e.detail ?? null)) return;
      await outbox.enqueue(m, { portalId: e.portalId, customerId: e.customerId, eventType: e.type, ip: e.ip ?? null, detail: e.detail ?? null, occurredAt: at }, at);
    },
  };
}
