-- Delivering a message made cheaper for PostgreSQL (issue 16, seventh session):
--
-- No foreign key from NotifyAttempt to NotifyMessage: its check locked the message row again for every attempt,
-- right after the same statement had rewritten it. The statement that records attempts takes FOR KEY SHARE on the
-- endpoints of its batch once and writes no attempt for an endpoint that is gone (record-attempts.ts); deleting an
-- endpoint deletes its row first, then its messages and their attempts, in one transaction (notify-endpoint-store.ts),
-- so no attempt is left naming a missing message.
ALTER TABLE "NotifyAttempt" DROP CONSTRAINT "NotifyAttempt_messageId_fkey";
